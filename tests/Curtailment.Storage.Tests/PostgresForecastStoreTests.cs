using Curtailment.Core.Forecasts;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;

namespace Curtailment.Storage.Tests;

/// <summary>The forecast-vintage contract on a real PostgreSQL database of its own.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresForecastStoreTests : ForecastStoreContractTests, IDisposable
{
    private static readonly DateTimeOffset Issue = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresStore> _stores = [];

    protected override void RequireStore() => _database.Require();

    protected override IForecastStore CreateForecastStore() => CreatePostgresStore();

    [Fact]
    public async Task DeleteForecastsIssuedBeforeAsync_MixedAges_LeavesNoOrphanPointRows()
    {
        RequireStore();

        var store = CreatePostgresStore();
        await store.SaveForecastAsync(Vintage("CAISO", Issue.AddDays(-10)), default);
        await store.SaveForecastAsync(Vintage("SPP", Issue.AddDays(-9)), default);
        await store.SaveForecastAsync(Vintage("CAISO", Issue), default);

        var deleted = await store.DeleteForecastsIssuedBeforeAsync(Issue.AddDays(-1), default);

        Assert.Equal(2, deleted);
        var kept = Assert.Single(await store.ListForecastsAsync("CAISO", DateTimeOffset.UnixEpoch, Issue.AddDays(1), default));
        Assert.Equal(Issue, kept.IssuedAt);
        Assert.Equal(2, kept.Points.Count);
        Assert.Empty(await store.ListForecastsAsync("SPP", DateTimeOffset.UnixEpoch, Issue.AddDays(1), default));
        Assert.Equal(2L, _database.Scalar<long>("SELECT COUNT(*) FROM forecast_point"));
    }

    [Fact]
    public async Task SaveForecastAsync_SameVintageFromSeveralWritersAtOnce_KeepsOne()
    {
        RequireStore();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => CreatePostgresStore().SaveForecastAsync(Vintage("CAISO", Issue), default))));

        Assert.Single(await CreatePostgresStore().ListForecastsAsync("CAISO", Issue, Issue.AddSeconds(1), default));
        Assert.Equal(2L, _database.Scalar<long>("SELECT COUNT(*) FROM forecast_point"));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _database.Dispose();
    }

    private static ForecastVintage Vintage(string region, DateTimeOffset issuedAt) => new(
        0, region, issuedAt, issuedAt.AddMinutes(1), "fasttree@v1", issuedAt.AddHours(-20),
        [new ForecastPoint(issuedAt, issuedAt.AddHours(1), 10, 5, 15, 0.5), new ForecastPoint(issuedAt.AddHours(1), issuedAt.AddHours(2), 20, 15, 25, 0.5)]);

    private PostgresStore CreatePostgresStore()
    {
        var store = new PostgresStore(_database.ConnectionString!, TimeProvider.System);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
