using System.Collections.Concurrent;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Host.Errors;
using Curtailment.Host.Observability;
using Curtailment.Pipelines.Forecasting;

namespace Curtailment.Host.Api;

/// <summary>
/// The forecast a request is answered from: the newest stored vintage that covers the range and was made by
/// the model now serving the region; otherwise one computed on demand (issued now) and stored. A vintage of a
/// model that has since been replaced is not served, so activation and rollback take effect at once.
/// A vintage of the serving model issued in the last minutes is reused even when the range reaches past its
/// end (a new one would add only those minutes), and one request per region computes while concurrent ones
/// wait for its result: under load, requests read stored forecasts instead of each training features anew.
/// </summary>
public sealed class ForecastService(
    IForecastStore store,
    IModelStore models,
    IObservationReader reader,
    ForecastPipeline pipeline,
    CurtailmentMetrics metrics,
    TimeProvider time)
{
    /// <summary>How long a vintage of the serving model answers ranges it does not fully cover.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _computing = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The vintage for <c>[from, to)</c>, its points limited to that range.</summary>
    public async Task<ForecastVintage> GetAsync(Region region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
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
        var servingModel = stored is not null && (active is null || stored.ModelVersion == $"{active.Kind}@{active.Version}");
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
