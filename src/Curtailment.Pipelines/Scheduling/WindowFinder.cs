using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// Finds predicted curtailment windows: maximal runs of adjacent forecast intervals whose predicted value
/// passes the threshold and whose event probability is at least the minimum. A gap in the forecast grid
/// (an interval missing) ends a run.
/// </summary>
public static class WindowFinder
{
    /// <summary>
    /// The minimum event probability of a proxy target's window when none is given: its predicted value is not
    /// curtailed MW, so a window is where an event is more likely than not.
    /// </summary>
    public const double ProxyDefaultMinProbability = 0.5;

    /// <summary>
    /// The windows of <paramref name="region"/>'s forecast by the region's rule: for a curtailment target, predicted MW
    /// at or above <paramref name="minMw"/> (default the event threshold) and probability at least
    /// <paramref name="minProbability"/> (default 0); for a proxy target (<see cref="RegionTarget.IsProxy"/>) only
    /// the probability counts (default <see cref="ProxyDefaultMinProbability"/>), and <paramref name="minMw"/> must be null.
    /// </summary>
    public static WindowSearch Find(Region region, IReadOnlyList<ForecastPoint> points, double? minMw, double? minProbability)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Target.IsProxy)
        {
            if (minMw is not null)
            {
                throw new ArgumentException($"{region.Id}'s target is a proxy ({region.Target.Series}): its windows have no MW threshold.", nameof(minMw));
            }

            var p = minProbability ?? ProxyDefaultMinProbability;
            return new WindowSearch(null, p, Find(points, null, p));
        }

        var threshold = minMw ?? region.Target.EventThreshold;
        var probability = minProbability ?? 0;
        return new WindowSearch(threshold, probability, Find(points, threshold, probability));
    }

    /// <summary>
    /// The windows in <paramref name="points"/> (time order), earliest first. With <paramref name="below"/> an
    /// interval passes when its predicted value is below <paramref name="threshold"/> (proxy targets such as a
    /// negative price); otherwise when it is at or above it. A null threshold tests the probability only.
    /// </summary>
    public static IReadOnlyList<CurtailmentWindow> Find(IReadOnlyList<ForecastPoint> points, double? threshold, double minProbability, bool below = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var windows = new List<CurtailmentWindow>();
        var run = new List<ForecastPoint>();
        foreach (var point in points)
        {
            var value = threshold is not { } t || (below ? point.PredictedMw < t : point.PredictedMw >= t);
            var passes = value && point.EventProbability >= minProbability;
            if (run.Count > 0 && (!passes || run[^1].IntervalEnd != point.IntervalStart))
            {
                windows.Add(Close(run));
                run.Clear();
            }

            if (passes)
            {
                run.Add(point);
            }
        }

        if (run.Count > 0)
        {
            windows.Add(Close(run));
        }

        return windows;
    }

    private static CurtailmentWindow Close(List<ForecastPoint> run) => new(
        run[0].IntervalStart,
        run[^1].IntervalEnd,
        run.Sum(p => ForecastGrid.Rate(p, RankingMeasure.CurtailedEnergy) * (p.IntervalEnd - p.IntervalStart).TotalHours),
        run.Average(p => p.EventProbability),
        run.Max(p => p.PredictedMw),
        run.Count,
        run.Sum(p => ForecastGrid.Rate(p, RankingMeasure.EventHours) * (p.IntervalEnd - p.IntervalStart).TotalHours));
}
