using System.Buffers;
using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// Places a job of a given duration between an earliest start and a deadline: every start on a region's
/// forecast grid with the whole job inside the forecast and inside [earliestStart, deadline] is scored by the
/// curtailed energy it overlaps (or, for grids prepared for <see cref="RankingMeasure.EventHours"/>, by the expected
/// event hours), and the best are returned across all regions. Starts are UTC instants, so regions with different
/// time zones and resolutions are ranked on one timeline.
/// </summary>
/// <remarks>
/// The answer is the one of scoring every start in full (<see cref="Score"/>) and sorting, computed in time linear
/// in the number of intervals: each start's energy is first estimated from prefix sums, and only the starts whose
/// estimate comes within a rounding tolerance of the best <c>top</c> are scored in full, by the same operations in
/// the same order, so the energies, probabilities and ranking are exactly those of the full scoring.
/// </remarks>
public static class BestWindowFinder
{
    /// <summary>
    /// Bound on the rounding of an estimate, relative to the grid's total energy: a prefix-sum difference of n
    /// non-negative terms is off by at most about 2n x 1.1e-16 of the total, under 1e-11 for 40,000 intervals.
    /// </summary>
    private const double RelativeTolerance = 1e-9;

    /// <summary>
    /// The <paramref name="top"/> best placements over all regions, by expected curtailed MWh (descending),
    /// ties broken by the earlier start, then region id.
    /// </summary>
    public static IReadOnlyList<JobPlacement> Rank(
        IReadOnlyDictionary<string, IReadOnlyList<ForecastPoint>> forecasts, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top) =>
        Rank(forecasts, duration, earliestStart, deadline, top, RankingMeasure.CurtailedEnergy);

    /// <summary>
    /// The <paramref name="top"/> best placements over all regions by <paramref name="measure"/> (descending),
    /// ties broken by the earlier start, then region id.
    /// </summary>
    public static IReadOnlyList<JobPlacement> Rank(
        IReadOnlyDictionary<string, IReadOnlyList<ForecastPoint>> forecasts, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top,
        RankingMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var grids = new Dictionary<string, ForecastGrid>(forecasts.Count, StringComparer.Ordinal);
        foreach (var (region, points) in forecasts)
        {
            grids.Add(region, new ForecastGrid(points, measure));
        }

        return Rank(grids, duration, earliestStart, deadline, top);
    }

    /// <summary>
    /// As <see cref="Rank(IReadOnlyDictionary{string, IReadOnlyList{ForecastPoint}}, TimeSpan, DateTimeOffset, DateTimeOffset, int)"/>,
    /// over prepared grids. Each grid remembers its best starts for the last few questions (duration, number, range of
    /// possible starts), so a question asked again of the same grid is answered without scanning it.
    /// </summary>
    public static IReadOnlyList<JobPlacement> Rank(
        IReadOnlyDictionary<string, ForecastGrid> grids, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top)
    {
        ArgumentNullException.ThrowIfNull(grids);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (grids.Values.Select(g => g.Measure).Distinct().Count() > 1)
        {
            throw new ArgumentException("Every grid must be prepared for the same ranking measure.", nameof(grids));
        }

        // The best over all regions are among the best of each region.
        var best = new Candidate[top];
        var kept = 0;
        foreach (var (region, grid) in grids)
        {
            foreach (var start in grid.BestStarts(duration.Ticks, earliestStart.UtcTicks, deadline.UtcTicks, top))
            {
                kept = KeepBest(best, kept, new Candidate(start.Energy, start.Start, region, grid, start.Index));
            }
        }

        var placements = new List<JobPlacement>(kept);
        for (var i = 0; i < kept; i++)
        {
            var c = best[i];
            placements.Add(Score(c.Region, c.Grid.Points, c.Index, c.Grid.Points[c.Index].IntervalStart + duration, c.Grid.Measure)!);
        }

        return placements;
    }

    /// <summary>
    /// The <paramref name="top"/> best starts of one grid for a job of <paramref name="duration"/> ticks starting at
    /// indexes <c>[first, end)</c> (ordered grids) or between <paramref name="earliest"/> and <paramref name="deadline"/>,
    /// in ranking order, with the energies <see cref="Score"/> computes.
    /// </summary>
    internal static RankedStart[] BestStarts(ForecastGrid grid, long duration, long earliest, long deadline, int first, int end, int top)
    {
        var estimates = ArrayPool<StartEstimate>.Shared.Rent(grid.Count);
        try
        {
            // Pass 1: an estimate of every start's energy, and the top-th largest estimate.
            var count = Estimate(grid, duration, earliest, deadline, first, end, estimates);
            var largest = new double[top];
            var held = 0;
            for (var c = 0; c < count; c++)
            {
                // Most estimates are not among the largest so far: one comparison, no call.
                if (held < top || estimates[c].Energy.CompareTo(largest[top - 1]) > 0)
                {
                    held = KeepLargest(largest, held, estimates[c].Energy);
                }
            }

            // Pass 2: full scores of the starts that can still be among the best. A start whose estimate is more than
            // two tolerances below the top-th estimate scores below at least 'top' others, whatever the rounding.
            var tolerance = grid.Ordered && grid.Finite ? RelativeTolerance * grid.TotalEnergy : 0;
            var cut = held == top && !double.IsNaN(largest[top - 1]) ? largest[top - 1] - (2 * tolerance) : double.NegativeInfinity;
            var best = new Candidate[top];
            var kept = 0;
            for (var c = 0; c < count; c++)
            {
                var estimate = estimates[c];
                if (estimate.Energy < cut)
                {
                    continue;
                }

                var start = grid.Starts[estimate.Index];
                var energy = estimate.Exact ? estimate.Energy : Energy(grid, estimate.Index, start + duration)!.Value;
                kept = KeepBest(best, kept, new Candidate(energy, start, string.Empty, grid, estimate.Index));
            }

            var ranked = new RankedStart[kept];
            for (var i = 0; i < kept; i++)
            {
                ranked[i] = new RankedStart(best[i].Energy, best[i].Start, best[i].Index);
            }

            return ranked;
        }
        finally
        {
            ArrayPool<StartEstimate>.Shared.Return(estimates);
        }
    }

    /// <summary>Writes the estimate of every start that can hold the job into <paramref name="estimates"/>; returns how many.</summary>
    private static int Estimate(ForecastGrid grid, long duration, long earliest, long deadline, int first, int end, StartEstimate[] estimates)
    {
        var count = 0;
        var starts = grid.Starts;
        if (!grid.Ordered || !grid.Finite)
        {
            // Out of order or with non-finite values: every start is scored in full.
            for (var i = 0; i < starts.Length; i++)
            {
                var jobEnd = starts[i] + duration;
                if (starts[i] >= earliest && jobEnd <= deadline && Energy(grid, i, jobEnd) is { } energy)
                {
                    estimates[count++] = new StartEstimate(i, energy, true);
                }
            }

            return count;
        }

        var ends = grid.Ends;
        var mw = grid.ClippedMw;
        var whole = grid.WholeEnergy;
        var prefix = grid.Prefix;
        var gaps = grid.Gaps;
        var nonZero = grid.NonZero;
        // The job's last interval is the first from its start on that ends at or after the job; starts and ends
        // increase, so it only moves on.
        var last = 0;
        for (var i = first; i < end; i++)
        {
            var jobEnd = starts[i] + duration;
            last = Math.Max(last, i);
            while (last < ends.Length && ends[last] < jobEnd)
            {
                last++;
            }

            if (last == ends.Length || gaps[last + 1] != gaps[i + 1])
            {
                continue; // the forecast ends first, or has a gap inside the job
            }

            var tail = ends[last] <= jobEnd ? whole[last] : mw[last] * TimeSpan.FromTicks(jobEnd - starts[last]).TotalHours;
            // Exact when the job spans one interval (0 + x is x) or every term is zero (terms are never negative).
            estimates[count++] = last == i ? new StartEstimate(i, tail, true)
                : nonZero[last] == nonZero[i] && tail == 0 ? new StartEstimate(i, 0, true)
                : new StartEstimate(i, prefix[last] - prefix[i] + tail, false);
        }

        return count;
    }

    /// <summary>
    /// The energy <see cref="Score"/> sums for a job from point <paramref name="first"/> to <paramref name="end"/>,
    /// over the grid's arrays with the same additions in the same order; null where Score finds no placement.
    /// </summary>
    private static double? Energy(ForecastGrid grid, int first, long end)
    {
        var starts = grid.Starts;
        var ends = grid.Ends;
        double energy = 0;
        var covered = starts[first];
        for (var i = first; i < starts.Length && covered < end; i++)
        {
            if (starts[i] != covered)
            {
                return null;
            }

            energy += ends[i] <= end ? grid.WholeEnergy[i] : grid.ClippedMw[i] * TimeSpan.FromTicks(end - starts[i]).TotalHours;
            covered = ends[i];
        }

        return covered < end ? null : energy;
    }

    /// <summary>The placement starting at point <paramref name="first"/>, or null when the forecast does not cover the whole job contiguously.</summary>
    private static JobPlacement? Score(string region, IReadOnlyList<ForecastPoint> points, int first, DateTimeOffset end, RankingMeasure measure)
    {
        double energy = 0;
        double eventHours = 0;
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
            energy += ForecastGrid.Rate(point, RankingMeasure.CurtailedEnergy) * overlap;
            eventHours += ForecastGrid.Rate(point, RankingMeasure.EventHours) * overlap;
            noEvent *= 1 - Math.Clamp(point.EventProbability, 0, 1);
            peak = Math.Max(peak, point.PredictedMw);
            covered = point.IntervalEnd;
        }

        return covered < end ? null : new JobPlacement(region, points[first].IntervalStart, end, energy, 1 - noEvent, peak, eventHours, measure);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Keeps the largest values seen, in descending order of <see cref="double.CompareTo(double)"/> (NaN lowest); returns how many are held.</summary>
    private static int KeepLargest(double[] largest, int held, double value)
    {
        if (held == largest.Length)
        {
            if (value.CompareTo(largest[held - 1]) <= 0)
            {
                return held;
            }

            held--;
        }

        var at = held;
        while (at > 0 && value.CompareTo(largest[at - 1]) > 0)
        {
            largest[at] = largest[at - 1];
            at--;
        }

        largest[at] = value;
        return held + 1;
    }

    /// <summary>Keeps the best candidates seen, in ranking order; returns how many are held.</summary>
    private static int KeepBest(Candidate[] best, int held, Candidate candidate)
    {
        if (held == best.Length)
        {
            if (Compare(candidate, best[held - 1]) >= 0)
            {
                return held;
            }

            held--;
        }

        var at = held;
        while (at > 0 && Compare(candidate, best[at - 1]) < 0)
        {
            best[at] = best[at - 1];
            at--;
        }

        best[at] = candidate;
        return held + 1;
    }

    /// <summary>The ranking: energy descending (NaN last, as sorting doubles orders it), then start, then region.</summary>
    private static int Compare(in Candidate a, in Candidate b)
    {
        var byEnergy = b.Energy.CompareTo(a.Energy);
        if (byEnergy != 0)
        {
            return byEnergy;
        }

        var byStart = a.Start.CompareTo(b.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Region, b.Region);
    }

    /// <summary>A start that can hold the job: its energy estimate, and whether that estimate is the exact score.</summary>
    private readonly record struct StartEstimate(int Index, double Energy, bool Exact);

    private readonly record struct Candidate(double Energy, long Start, string Region, ForecastGrid Grid, int Index);

    /// <summary>One of a grid's best starts: its exact energy, start (UTC ticks) and point index.</summary>
    internal readonly record struct RankedStart(double Energy, long Start, int Index);
}
