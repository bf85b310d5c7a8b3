using System.Collections.Concurrent;
using System.Text.Json;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Host.Contracts;
using Curtailment.Host.Errors;
using Curtailment.Host.Observability;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Scheduling;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Api;

/// <summary>
/// The forecast a request is answered from: the newest stored vintage that covers the range and was made by
/// the model now serving the region; otherwise one computed on demand (issued now) and stored. A vintage of a
/// model that has since been replaced is not served, so activation and rollback take effect at once.
/// A vintage of the serving model issued in the last minutes is reused even when the range reaches past its
/// end (a new one would add only those minutes), and one request per region computes while concurrent ones
/// wait for its result: under load, requests read stored forecasts instead of each training features anew.
/// </summary>
/// <remarks>
/// Per region, the active model and the newest vintage are held in memory together with the store's
/// <see cref="ServingVersion"/> read just before them. Every request reads the version again (for SQLite one
/// pragma on an open connection, for PostgreSQL one small query) and reloads only when it differs, so a vintage
/// saved or a model activated by this process or by another one sharing the store is served from the next request
/// on. Requests the newest vintage cannot answer (ranges in the past, a vintage of a replaced model) take the
/// store path below, unchanged.
/// </remarks>
public sealed class ForecastService(
    IForecastStore store,
    IModelStore models,
    IServingVersionReader versions,
    IObservationReader reader,
    ForecastPipeline pipeline,
    CurtailmentMetrics metrics,
    IOptions<JsonOptions> json,
    TimeProvider time)
{
    /// <summary>How long a vintage of the serving model answers ranges it does not fully cover.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _computing = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _loading = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ServedRegion> _served = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The vintage for <c>[from, to)</c>, its points limited to that range.</summary>
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

    /// <summary>The <see cref="ForecastResponse"/> of <see cref="GetAsync"/> as UTF-8 JSON, serialized once per range of intervals while it is served.</summary>
    public async Task<byte[]> GetResponseJsonAsync(Region region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var served = await ServedAsync(region, cancellationToken);
        var options = json.Value.SerializerOptions;
        return TryServe(served, from, to, out var start, out var count)
            ? served.ResponseJson(start, count, options)
            : JsonSerializer.SerializeToUtf8Bytes(ForecastResponse.From(await GetFromStoreAsync(region, from, to, cancellationToken), TargetResponse.Of(region)), options);
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
    /// Whether the newest vintage answers <c>[from, to)</c> by the rule of <see cref="FindStoredAsync"/>: the store's
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
        var first = latest.Points[start];
        var last = latest.Points[start + count - 1];
        var covers = first.IntervalStart <= from && last.IntervalEnd >= to;
        var fresh = time.GetUtcNow() - latest.IssuedAt < FreshFor && first.IntervalStart <= Max(from, latest.IssuedAt);
        return covers || fresh;
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
        var servingModel = stored is not null && (active is null || active.ToModelVersion().IsLabel(stored.ModelVersion));
        var fresh = stored is not null && time.GetUtcNow() - stored.IssuedAt < FreshFor && stored.Points.Count > 0 && stored.Points[0].IntervalStart <= Max(from, stored.IssuedAt);
        return (servingModel && (Covers(stored!, from, to) || fresh), stored);
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
            throw new ServiceUnavailableException(
                $"No {region.Target.Series} observations are stored for {region.Id} yet, and no stored forecast covers the range: ingest data (or let the start-up task load the demo data) first.");
        }

        var computed = await pipeline.ForecastAsync(region.Id, now, cancellationToken);
        metrics.ForecastIssued(region.Id, "on-demand");
        var points = computed.Points.Where(p => p.IntervalStart < to && p.IntervalEnd > from).ToList();
        return points.Count == 0 && stored is not null ? stored : computed with { Points = points };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool Covers(ForecastVintage vintage, DateTimeOffset from, DateTimeOffset to) =>
        vintage.Points.Count > 0 && vintage.Points[0].IntervalStart <= from && vintage.Points[^1].IntervalEnd >= to;
}
