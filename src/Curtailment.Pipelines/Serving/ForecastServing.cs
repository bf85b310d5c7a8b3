using System.Collections.Concurrent;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Serving;

/// <summary>
/// The forecast a request is answered from, the same for the API, <c>curtail forecast --as-served</c> and the notebooks:
/// the newest stored vintage that <see cref="VintageSelection"/> accepts for the range; otherwise one computed on demand
/// (issued now) and stored. One request per region computes while concurrent ones wait for its result: under load,
/// requests read stored forecasts instead of each training features anew.
/// </summary>
/// <remarks>
/// Per region, the active model and the newest vintage are held in memory together with the store's
/// <see cref="ServingVersion"/> read just before them. Every request reads the version again (for SQLite one
/// pragma on an open connection, for PostgreSQL one small query) and reloads only when it differs, so a vintage
/// saved or a model activated by this process or by another one sharing the store is served from the next request
/// on. Requests the newest vintage cannot answer (ranges in the past, a vintage of a replaced model) take the
/// store path below, unchanged.
/// </remarks>
public sealed class ForecastServing(
    IForecastStore store,
    IModelStore models,
    IServingVersionReader versions,
    IObservationReader reader,
    ForecastPipeline pipeline,
    IEnumerable<IOnDemandForecastListener> listeners,
    TimeProvider time)
{
    private readonly IOnDemandForecastListener[] _listeners = [.. listeners];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _computing = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _loading = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ServedRegion> _served = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The vintage for <c>[from, to)</c>, its points limited to that range.</summary>
    /// <exception cref="ForecastUnavailableException">No stored vintage answers and the region has no target data to compute one.</exception>
    public async Task<ForecastVintage> GetAsync(Region region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var served = await ServedAsync(region, cancellationToken);
        return TryServe(served, from, to, out var start, out var count)
            ? served.Slice(start, count)
            : await GetFromStoreAsync(region, from, to, cancellationToken);
    }

    /// <summary>
    /// The vintage of <see cref="GetAsync"/> with a grid for ranking job placements inside <c>[from, to)</c>: when served
    /// from memory, the grid of the whole vintage, prepared once (jobs inside the range never reach the points outside it).
    /// </summary>
    public async Task<(ForecastVintage Vintage, ForecastGrid Grid)> GetGridAsync(
        Region region, DateTimeOffset from, DateTimeOffset to, RankingMeasure measure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var served = await ServedAsync(region, cancellationToken);
        if (TryServe(served, from, to, out var start, out var count))
        {
            return (served.Slice(start, count), served.GridFor(measure));
        }

        var vintage = await GetFromStoreAsync(region, from, to, cancellationToken);
        return (vintage, new ForecastGrid(vintage.Points, measure));
    }

    /// <summary>
    /// The vintage of <see cref="GetAsync"/> serialized by <paramref name="serialize"/> with its staleness
    /// (<see cref="StaleRule"/>, null when fresh), made once per range of intervals and expected issue instant while the
    /// vintage is served from memory. Every caller must pass the same serialization (the host's forecast response).
    /// </summary>
    public async Task<byte[]> GetSerializedAsync(
        Region region, DateTimeOffset from, DateTimeOffset to, Func<ForecastVintage, ForecastStaleness?, byte[]> serialize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(serialize);
        var served = await ServedAsync(region, cancellationToken);
        if (TryServe(served, from, to, out var start, out var count))
        {
            var now = time.GetUtcNow();
            var staleness = StaleRule.Check(region, served.Latest!.IssuedAt, to, now);
            // Staleness turns on once a day (the expected issue moves), so the cached bytes are keyed on it too.
            return served.Serialized(start, count, staleness?.ExpectedIssuedAt, vintage => serialize(vintage, staleness));
        }

        var stored = await GetFromStoreAsync(region, from, to, cancellationToken);
        return serialize(stored, Staleness(region, stored, to));
    }

    /// <summary>Why <paramref name="vintage"/>, answering a range ending at <paramref name="to"/>, is stale now; null when it is not (<see cref="StaleRule"/>).</summary>
    public ForecastStaleness? Staleness(Region region, ForecastVintage vintage, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(vintage);
        return StaleRule.Check(region, vintage.IssuedAt, to, time.GetUtcNow());
    }

    /// <summary>The region's in-memory state for the store's current serving version, read again when that changed.</summary>
    private async Task<ServedRegion> ServedAsync(Region region, CancellationToken cancellationToken)
    {
        // The version is read before the data: a write after this read changes the next version, so nothing
        // written later than the data read here can hide behind an equal version.
        var version = await versions.ReadServingVersionAsync(region.Id, cancellationToken);
        if (_served.TryGetValue(region.Id, out var current) && current.Version == version)
        {
            return current;
        }

        var gate = _loading.GetOrAdd(region.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_served.TryGetValue(region.Id, out current) && current.Version == version)
            {
                return current;
            }

            var active = await models.ActiveModelAsync(region.Id, cancellationToken);
            var latest = await store.LatestForecastAsync(region.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken);
            var loaded = new ServedRegion(version, active, latest, region);
            _served[region.Id] = loaded;
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Whether the newest vintage answers <c>[from, to)</c> by the rule of <see cref="VintageSelection"/>: the store's
    /// newest vintage overlapping the range is the newest vintage whenever that one overlaps it.
    /// </summary>
    private bool TryServe(ServedRegion served, DateTimeOffset from, DateTimeOffset to, out int start, out int count)
    {
        if (!served.ByServingModel || !served.TryFindSlice(from, to, out start, out count))
        {
            start = count = 0;
            return false;
        }

        var latest = served.Latest!;
        return VintageSelection.Answers(latest.Points[start].IntervalStart, latest.Points[start + count - 1].IntervalEnd, latest.IssuedAt, from, to, time.GetUtcNow());
    }

    private async Task<ForecastVintage> GetFromStoreAsync(Region region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (usable, stored) = await FindStoredAsync(region, from, to, cancellationToken);
        if (usable)
        {
            return stored!;
        }

        var gate = _computing.GetOrAdd(region.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // A concurrent request may have computed and stored it while this one waited.
            (usable, stored) = await FindStoredAsync(region, from, to, cancellationToken);
            return usable ? stored! : await ComputeAsync(region, from, to, stored, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(bool Usable, ForecastVintage? Stored)> FindStoredAsync(Region region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var active = await models.ActiveModelAsync(region.Id, cancellationToken);
        var stored = await store.LatestForecastAsync(region.Id, from, to, cancellationToken);
        return (VintageSelection.Answers(stored, active, from, to, time.GetUtcNow()), stored);
    }

    private async Task<ForecastVintage> ComputeAsync(Region region, DateTimeOffset from, DateTimeOffset to, ForecastVintage? stored, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (to <= now && stored is not null)
        {
            // A range in the past: a forecast issued now cannot cover it; the stored one is what was said then.
            return stored;
        }

        if (await reader.LatestIntervalEndAsync(region.Id, region.Target.Series, now, cancellationToken) is null)
        {
            throw new ForecastUnavailableException(
                $"No {region.Target.Series} observations are stored for {region.Id} yet, and no stored forecast covers the range: ingest data (or let the start-up task load the demo data) first.");
        }

        var computed = await pipeline.ForecastAsync(region.Id, now, cancellationToken);
        foreach (var listener in _listeners)
        {
            listener.Issued(computed);
        }

        var points = computed.Points.Where(p => p.IntervalStart < to && p.IntervalEnd > from).ToList();
        return points.Count == 0 && stored is not null ? stored : computed with { Points = points };
    }
}
