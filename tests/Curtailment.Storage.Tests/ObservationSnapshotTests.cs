using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

/// <summary>
/// The in-memory snapshot must read exactly like the store: the whole contract runs with every read
/// answered by a snapshot freshly loaded from the SQLite file the writes went to.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ObservationSnapshotTests : ObservationStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-snapshot-").FullName;

    protected override (IIngestStore Ingest, IObservationReader Reader, IDataSummaryReader Summary) CreateStore()
    {
        var store = new SqliteStore($"Data Source={Path.Combine(_folder, "store.db")}", TimeProvider.System);
        return (store, new ReloadingSnapshot(store), store);
    }

    [Fact]
    public async Task LoadSnapshotAsync_OnlyRequestedSeriesAndWindow_AreLoaded()
    {
        var store = new SqliteStore($"Data Source={Path.Combine(_folder, "window.db")}", TimeProvider.System);
        await store.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 1), Obs(SeriesIds.Demand, 20, 2), Obs(SeriesIds.Solar, 0, 3)), "h", Day, default);

        var snapshot = await store.LoadSnapshotAsync("CAISO", [SeriesIds.Demand], Day, Day + (FiveMinutes * 10), default);
        var all = new ObservationQuery("CAISO", SeriesIds.Demand, Day.AddDays(-1), Day.AddDays(1), DateTimeOffset.MaxValue);

        Assert.Equal([1.0], (await snapshot.ReadAsync(all, default)).Select(o => o.Value));
        Assert.Empty(await snapshot.ReadAsync(all with { Series = SeriesIds.Solar }, default));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Loads a whole-range snapshot for every read, so reads after writes see them.</summary>
    private sealed class ReloadingSnapshot(SqliteStore store) : IObservationReader
    {
        private static readonly string[] AllSeries = [SeriesIds.Demand, SeriesIds.TotalCurtailment, SeriesIds.Solar, "other_mw"];

        private Task<IObservationReader> LoadAsync() =>
            store.LoadSnapshotAsync("CAISO", AllSeries, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), default);

        public async Task<IReadOnlyList<Observation>> ReadAsync(ObservationQuery query, CancellationToken cancellationToken) =>
            await (await LoadAsync()).ReadAsync(query, cancellationToken);

        public async Task<DenseSeries> ReadDenseAsync(ObservationQuery query, TimeSpan step, CancellationToken cancellationToken) =>
            await (await LoadAsync()).ReadDenseAsync(query, step, cancellationToken);

        public async Task<DateTimeOffset?> LatestIntervalEndAsync(string region, string series, DateTimeOffset asOf, CancellationToken cancellationToken) =>
            await (await LoadAsync()).LatestIntervalEndAsync(region, series, asOf, cancellationToken);
    }
}
