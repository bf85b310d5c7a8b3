using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// Places a job of a given duration between an earliest start and a deadline: every start on a region's
/// forecast grid with the whole job inside the forecast and inside [earliestStart, deadline] is scored by the
/// curtailed energy it overlaps, and the best are returned across all regions.
/// </summary>
/// <remarks>
/// The answer is the one of scoring every start in full (<see cref="Score"/>) and sorting, computed in time linear
/// in the number of intervals: each start's energy is first estimated from prefix sums, and only the starts whose
/// estimate comes within a rounding tolerance of the best <c>top</c> are scored in full, by the same operations in
/// the same order, so the energies, probabilities and ranking are exactly those of the full scoring.
/// </remarks>
public static partial class BestWindowFinder
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
        var scans = new List<RegionScan>(forecasts.Count);
        try
        {
            // Pass 1: estimates of every start's energy, and the top-th largest estimate.
            var largest = new double[top];
            var held = 0;
            var tolerance = 0.0;
            foreach (var (region, points) in forecasts)
            {
                var scan = new RegionScan(region, points, duration.Ticks, earliestStart.UtcTicks, deadline.UtcTicks);
                scans.Add(scan);
                tolerance = Math.Max(tolerance, scan.Tolerance);
                for (var c = 0; c < scan.CandidateCount; c++)
                {
                    held = KeepLargest(largest, held, scan.Candidates[c].Energy);
                }
            }

            // Pass 2: full scores of the starts that can still be among the best. A start whose estimate is more than
            // two tolerances below the top-th estimate scores below at least 'top' others, whatever the rounding.
            var cut = held == top && !double.IsNaN(largest[top - 1]) ? largest[top - 1] - (2 * tolerance) : double.NegativeInfinity;
            var best = new Candidate[top];
            var kept = 0;
            foreach (var scan in scans)
            {
                for (var c = 0; c < scan.CandidateCount; c++)
                {
                    var estimate = scan.Candidates[c];
                    if (estimate.Energy < cut)
                    {
                        continue;
                    }

                    var energy = estimate.Exact ? estimate.Energy : scan.Energy(estimate.Index);
                    kept = KeepBest(best, kept, new Candidate(energy, scan.Starts[estimate.Index], scan.Region, scan.Points, estimate.Index));
                }
            }

            var placements = new List<JobPlacement>(kept);
            for (var i = 0; i < kept; i++)
            {
                var c = best[i];
                placements.Add(Score(c.Region, c.Points, c.Index, c.Points[c.Index].IntervalStart + duration)!);
            }

            return placements;
        }
        finally
        {
            foreach (var scan in scans)
            {
                scan.Dispose();
            }
        }
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

    private readonly record struct Candidate(double Energy, long Start, string Region, IReadOnlyList<ForecastPoint> Points, int Index);
}
