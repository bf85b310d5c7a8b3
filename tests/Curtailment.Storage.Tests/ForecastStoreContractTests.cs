using Curtailment.Core.Forecasts;

namespace Curtailment.Storage.Tests;

/// <summary>The behaviour every forecast store must have; each implementation's test class supplies a fresh, empty store.</summary>
public abstract class ForecastStoreContractTests
{
    private static readonly DateTimeOffset Issue = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    protected abstract IForecastStore CreateForecastStore();

    /// <summary>
    /// Skips the test where the implementation needs a server this machine does not have (PostgreSQL on a developer
    /// machine), or fails it where CI requires the server (see <see cref="Curtailment.Testing.Requires"/>).
    /// </summary>
    protected virtual void RequireStore()
    {
    }

    private static ForecastVintage Vintage(DateTimeOffset issuedAt, string model, double level, int hours = 24) => new(
        0, "CAISO", issuedAt, issuedAt.AddMinutes(1), model, issuedAt.AddHours(-20),
        Enumerable.Range(0, hours).Select(h => new ForecastPoint(issuedAt.AddHours(h), issuedAt.AddHours(h + 1), level + h, level, level + 100, 0.5)).ToList());

    [Fact]
    public async Task SaveForecastAsync_ThenLatest_ReturnsThePointsInTheRangeOnly()
    {
        RequireStore();

        var store = CreateForecastStore();
        var saved = await store.SaveForecastAsync(Vintage(Issue, "fasttree@v1", 100), default);

        var latest = await store.LatestForecastAsync("CAISO", Issue.AddHours(2), Issue.AddHours(5), default);

        Assert.True(saved.Id > 0);
        Assert.Equal(saved.Id, latest!.Id);
        Assert.Equal([102.0, 103.0, 104.0], latest.Points.Select(p => p.PredictedMw));
        Assert.Equal("fasttree@v1", latest.ModelVersion);
        Assert.Equal(Issue.AddHours(-20), latest.DataAsOf);
    }

    [Fact]
    public async Task SaveForecastAsync_WithExplanations_ReadsThemBackAndOlderVintagesReadEmpty()
    {
        RequireStore();

        var store = CreateForecastStore();
        var explanations = new List<DayExplanation>
        {
            new(new DateOnly(2021, 3, 2),
            [
                new ForecastDriver("net_load_fc", DriverEffect.Raises, "low net load forecast (4,210 MW at 13:00) raises the forecast"),
                new ForecastDriver("is_weekend", DriverEffect.Lowers, "no weekend lowers the forecast"),
            ]),
            new(new DateOnly(2021, 3, 3), [new ForecastDriver("hist_last_day_total", DriverEffect.Raises, "high curtailment on the last known day (9,000 MWh) raises the forecast")]),
        };
        await store.SaveForecastAsync(Vintage(Issue, "plain", 100), default);
        await store.SaveForecastAsync(Vintage(Issue.AddHours(1), "fasttree@v1", 100) with { Explanations = explanations }, default);

        var latest = await store.LatestForecastAsync("CAISO", Issue.AddHours(2), Issue.AddHours(3), default);
        var listed = await store.ListForecastsAsync("CAISO", Issue.AddDays(-1), Issue.AddDays(1), default);

        Assert.Equal("fasttree@v1", latest!.ModelVersion);
        Assert.Equal(explanations.Select(d => d.Date), latest.Explanations!.Select(d => d.Date));
        Assert.Equal(explanations.SelectMany(d => d.Drivers), latest.Explanations!.SelectMany(d => d.Drivers));
        Assert.Equal(explanations.SelectMany(d => d.Drivers), listed[1].Explanations!.SelectMany(d => d.Drivers));
        Assert.Empty(listed[0].Explanations!);
    }

    [Fact]
    public async Task LatestForecastAsync_PrefersTheMostRecentIssue()
    {
        RequireStore();

        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage(Issue, "fasttree@v1", 100), default);
        await store.SaveForecastAsync(Vintage(Issue.AddHours(6), "fasttree@v1", 500), default);

        var latest = await store.LatestForecastAsync("CAISO", Issue.AddHours(7), Issue.AddHours(8), default);

        Assert.Equal(Issue.AddHours(6), latest!.IssuedAt);
        Assert.Equal(501, latest.Points.Single().PredictedMw);
        Assert.Null(await store.LatestForecastAsync("SPP", Issue, Issue.AddHours(1), default));
    }

    [Fact]
    public async Task SaveForecastAsync_SameIssueAndModelTwice_KeepsOneVintage()
    {
        RequireStore();

        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage(Issue, "fasttree@v1", 100), default);
        await store.SaveForecastAsync(Vintage(Issue, "fasttree@v1", 300), default);

        var all = await store.ListForecastsAsync("CAISO", Issue.AddDays(-1), Issue.AddDays(1), default);

        var only = Assert.Single(all);
        Assert.Equal(300, only.Points[0].PredictedMw);
        Assert.Equal(24, only.Points.Count);
    }

    [Fact]
    public async Task ListForecastsAsync_FiltersByIssueTimeOldestFirst()
    {
        RequireStore();

        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage(Issue.AddDays(1), "m", 1), default);
        await store.SaveForecastAsync(Vintage(Issue, "m", 1), default);
        await store.SaveForecastAsync(Vintage(Issue.AddDays(5), "m", 1), default);

        var listed = await store.ListForecastsAsync("CAISO", Issue, Issue.AddDays(2), default);

        Assert.Equal([Issue, Issue.AddDays(1)], listed.Select(v => v.IssuedAt));
    }

    private static ForecastVintage Vintage(string region, DateTimeOffset issuedAt, string model = "week_profile") =>
        new(0, region, issuedAt, issuedAt, model, issuedAt.AddHours(-20),
            [
                new ForecastPoint(issuedAt, issuedAt.AddMinutes(5), 600, 400, 800, 0.7),
                new ForecastPoint(issuedAt.AddMinutes(5), issuedAt.AddMinutes(10), 300, 100, 500, 0.2),
            ]);

    [Fact]
    public async Task DeleteForecastsIssuedBeforeAsync_MixedAges_DeletesOnlyOlderVintagesWithTheirPoints()
    {
        RequireStore();

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
        RequireStore();

        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage("CAISO", Issue), default);

        var deleted = await store.DeleteForecastsIssuedBeforeAsync(Issue, default);

        Assert.Equal(0, deleted);
        Assert.Single(await store.ListForecastsAsync("CAISO", Issue, Issue.AddSeconds(1), default));
    }

    [Fact]
    public async Task LatestForecastAsync_SameIssueTimeTwoModels_ReturnsTheOneStoredLast()
    {
        RequireStore();

        var store = CreateForecastStore();
        await store.SaveForecastAsync(Vintage("CAISO", Issue, "fasttree@v1"), default);
        await store.SaveForecastAsync(Vintage("CAISO", Issue, "fasttree@v2"), default);

        var latest = await store.LatestForecastAsync("CAISO", Issue, Issue.AddMinutes(10), default);

        Assert.Equal("fasttree@v2", latest?.ModelVersion);
    }
}
