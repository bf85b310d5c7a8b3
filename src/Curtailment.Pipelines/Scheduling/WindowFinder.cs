using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// Finds predicted curtailment windows: maximal runs of adjacent forecast intervals whose predicted value
/// passes the threshold and whose event probability is at least the minimum. A gap in the forecast grid
/// (an interval missing) ends a run.
/// </summary>
public static class WindowFinder
{
    /// <summary>
    /// The windows in <paramref name="points"/> (time order), earliest first. With <paramref name="below"/> an
    /// interval passes when its predicted value is below <paramref name="threshold"/> (proxy targets such as a
    /// negative price); otherwise when it is at or above it.
    /// </summary>
    public static IReadOnlyList<CurtailmentWindow> Find(IReadOnlyList<ForecastPoint> points, double threshold, double minProbability, bool below = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var windows = new List<CurtailmentWindow>();
        var run = new List<ForecastPoint>();
        foreach (var point in points)
        {
            var passes = (below ? point.PredictedMw < threshold : point.PredictedMw >= threshold) && point.EventProbability >= minProbability;
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
        run.Sum(p => Math.Max(0, p.PredictedMw) * (p.IntervalEnd - p.IntervalStart).TotalHours),
        run.Average(p => p.EventProbability),
        run.Max(p => p.PredictedMw),
        run.Count);
}
