using Curtailment.Core.Forecasts;

namespace Curtailment.Storage.Tests;

/// <summary>The behaviour every forecast store must have; each implementation's test class supplies a fresh, empty store.</summary>
public abstract class ForecastStoreContractTests
{
    private static readonly DateTimeOffset Issue = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    protected abstract IForecastStore CreateForecastStore();

    private static ForecastVintage Vintage(string region, DateTimeOffset issuedAt, string model = "week_profile") =>
        new(0, region, issuedAt, issuedAt, model, issuedAt.AddHours(-20),
            [
                new ForecastPoint(issuedAt, issuedAt.AddMinutes(5), 600, 400, 800, 0.7),
                new ForecastPoint(issuedAt.AddMinutes(5), issuedAt.AddMinutes(10), 300, 100, 500, 0.2),
            ]);

    [Fact]
    public async Task DeleteForecastsIssuedBeforeAsync_MixedAges_DeletesOnlyOlderVintagesWithTheirPoints()
    {
        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage("CAISO", Issue.AddDays(-10)), default);
        await store.SaveForecastAsync(Vintage("SPP", Issue.AddDays(-9)), default);
        await store.SaveForecastAsync(Vintage("CAISO", Issue), default);

        var deleted = await store.DeleteForecastsIssuedBeforeAsync(Issue.AddDays(-1), default);

        Assert.Equal(2, deleted);
        var caiso = await store.ListForecastsAsync("CAISO", DateTimeOffset.UnixEpoch, Issue.AddDays(1), default);
        var kept = Assert.Single(caiso);
        Assert.Equal(Issue, kept.IssuedAt);
        Assert.Equal(2, kept.Points.Count);
        Assert.Empty(await store.ListForecastsAsync("SPP", DateTimeOffset.UnixEpoch, Issue.AddDays(1), default));
        Assert.Null(await store.LatestForecastAsync("CAISO", Issue.AddDays(-10), Issue.AddDays(-9), default));
    }

    [Fact]
    public async Task DeleteForecastsIssuedBeforeAsync_NothingOlder_DeletesNothing()
    {
        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage("CAISO", Issue), default);

        var deleted = await store.DeleteForecastsIssuedBeforeAsync(Issue, default);

        Assert.Equal(0, deleted);
        Assert.Single(await store.ListForecastsAsync("CAISO", Issue, Issue.AddSeconds(1), default));
    }

    [Fact]
    public async Task LatestForecastAsync_SameIssueTimeTwoModels_ReturnsTheOneStoredLast()
    {
        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage("CAISO", Issue, "fasttree@v1"), default);
        await store.SaveForecastAsync(Vintage("CAISO", Issue, "fasttree@v2"), default);

        var latest = await store.LatestForecastAsync("CAISO", Issue, Issue.AddMinutes(10), default);

        Assert.Equal("fasttree@v2", latest?.ModelVersion);
    }
}
