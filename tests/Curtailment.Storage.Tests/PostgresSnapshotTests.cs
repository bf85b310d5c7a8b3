using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;

namespace Curtailment.Storage.Tests;

/// <summary>
/// The snapshot loaded from PostgreSQL must read exactly like the store: the whole contract runs with every read
/// answered by a snapshot freshly loaded from the database the writes went to.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PostgresSnapshotTests : ObservationStoreContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresStore> _stores = [];

    protected override void RequireStore() => _database.Require();

    protected override (IIngestStore Ingest, IObservationReader Reader, IDataSummaryReader Summary) CreateStore()
    {
        var store = new PostgresStore(_database.ConnectionString!, TimeProvider.System);
        _stores.Add(store);
        return (store, new ReloadingSnapshot(store), store);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _database.Dispose();
    }

    /// <summary>Loads a whole-range snapshot for every read, so reads after writes see them.</summary>
    private sealed class ReloadingSnapshot(PostgresStore store) : IObservationReader
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
