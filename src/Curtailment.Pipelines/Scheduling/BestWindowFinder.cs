using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// Places a job of a given duration between an earliest start and a deadline: every start on a region's
/// forecast grid with the whole job inside the forecast and inside [earliestStart, deadline] is scored by the
/// curtailed energy it overlaps, and the best are returned across all regions.
/// </summary>
public static class BestWindowFinder
{
    /// <summary>
    /// The <paramref name="top"/> best placements over all regions, by expected curtailed MWh (descending),
    /// ties broken by the earlier start, then region id.
    /// </summary>
    public static IReadOnlyList<JobPlacement> Rank(
        IReadOnlyDictionary<string, IReadOnlyList<ForecastPoint>> forecasts, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var placements = new List<JobPlacement>();
        foreach (var (region, points) in forecasts)
        {
            for (var i = 0; i < points.Count; i++)
            {
                var start = points[i].IntervalStart;
                var end = start + duration;
                if (start < earliestStart || end > deadline)
                {
                    continue;
                }

                if (Score(region, points, i, end) is { } placement)
                {
                    placements.Add(placement);
                }
            }
        }

        return placements
            .OrderByDescending(p => p.ExpectedCurtailedMwh)
            .ThenBy(p => p.Start)
            .ThenBy(p => p.Region, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    /// <summary>The placement starting at point <paramref name="first"/>, or null when the forecast does not cover the whole job contiguously.</summary>
    private static JobPlacement? Score(string region, IReadOnlyList<ForecastPoint> points, int first, DateTimeOffset end)
    {
        double energy = 0;
        double noEvent = 1;
        var peak = double.NegativeInfinity;
        var covered = points[first].IntervalStart;
        for (var i = first; i < points.Count && covered < end; i++)
        {
            var point = points[i];
            if (point.IntervalStart != covered)
            {
                return null;
            }

            var overlap = (Min(point.IntervalEnd, end) - point.IntervalStart).TotalHours;
            energy += Math.Max(0, point.PredictedMw) * overlap;
            noEvent *= 1 - Math.Clamp(point.EventProbability, 0, 1);
            peak = Math.Max(peak, point.PredictedMw);
            covered = point.IntervalEnd;
        }

        return covered < end ? null : new JobPlacement(region, points[first].IntervalStart, end, energy, 1 - noEvent, peak);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
