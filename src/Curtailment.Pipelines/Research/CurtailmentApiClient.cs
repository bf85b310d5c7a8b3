using Curtailment.Contracts;
using Curtailment.Contracts.Client;
using Curtailment.Core.Forecasts;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Research;

/// <summary>
/// The public API v1 for notebooks and scripts, in the library's own types (vintages, windows, placements), over the typed
/// <see cref="CurtailmentClient"/>, with a greedy scheduler on top. Errors of the API (problem+json) become
/// <see cref="CurtailmentApiException"/>s carrying the detail.
/// </summary>
public sealed class CurtailmentApiClient(CurtailmentClient client)
{
    /// <summary>A client of the service at <paramref name="http"/>'s base address.</summary>
    public CurtailmentApiClient(HttpClient http)
        : this(new CurtailmentClient(http))
    {
    }

    /// <summary>The typed client underneath, for the API's own response records.</summary>
    public CurtailmentClient Client => client;

    /// <summary>The forecast of a region for [from, to), as a vintage (plot it with <c>CurtailmentPlots.Forecast</c>).</summary>
    public async Task<ForecastVintage> ForecastAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ToVintage(await client.GetForecastAsync(region, from, to, cancellationToken).ConfigureAwait(false));

    /// <summary>Predicted curtailment windows of a region in [from, to) with the region's default thresholds.</summary>
    public async Task<IReadOnlyList<CurtailmentWindow>> WindowsAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var response = await client.GetWindowsAsync(region, from, to, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Windows.Select(w => new CurtailmentWindow(w.Start, w.End, w.ExpectedMwh, w.MeanProbability, w.PeakMw, w.Intervals, w.ExpectedEventHours)).ToList();
    }

    /// <summary>The best <paramref name="top"/> start times for a job across <paramref name="regions"/>.</summary>
    public async Task<IReadOnlyList<JobPlacement>> BestWindowAsync(
        IEnumerable<string> regions, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top = 3, CancellationToken cancellationToken = default)
    {
        var response = await client.GetBestWindowAsync(regions, duration, earliestStart, deadline, top, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rankedBy = RankingMeasures.Parse(response.RankedBy) ?? RankingMeasure.CurtailedEnergy;
        // A proxy region's candidates carry no MW (null on the wire).
        return response.Candidates
            .Select(c => new JobPlacement(c.Region, c.Start, c.End, c.ExpectedCurtailedMwh ?? 0, c.ProbabilityAnyCurtailment, c.PeakMw ?? double.NaN,
                c.ExpectedEventHours, rankedBy))
            .ToList();
    }

    /// <summary>A forecast answer as a vintage of the library.</summary>
    public static ForecastVintage ToVintage(ForecastResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new ForecastVintage(response.Id, response.Region, response.IssuedAt, response.GeneratedAt, response.ModelVersion, response.DataAsOf,
            response.Intervals.Select(i => new ForecastPoint(i.IntervalStart, i.IntervalEnd, i.PredictedMw, i.LowerMw, i.UpperMw, i.EventProbability)).ToList());
    }

    /// <summary>
    /// Greedy placement on one machine that runs one job at a time: jobs by earliest deadline first; each goes to the best
    /// start the API finds in any free gap of its [earliest start, deadline] between jobs already placed; null when no gap fits.
    /// </summary>
    public async Task<IReadOnlyList<JobAssignment>> ScheduleAsync(IEnumerable<FlexibleJob> jobs, IReadOnlyCollection<string> regions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var placed = new List<JobPlacement>();
        var result = new List<JobAssignment>();
        foreach (var job in jobs.OrderBy(j => j.Deadline))
        {
            JobPlacement? best = null;
            foreach (var (gapStart, gapEnd) in FreeGaps(placed, job.EarliestStart, job.Deadline).Where(g => g.End - g.Start >= job.Duration))
            {
                var candidates = await BestWindowAsync(regions, job.Duration, gapStart, gapEnd, 1, cancellationToken).ConfigureAwait(false);
                if (candidates.Count > 0 && (best is null || Ranked(candidates[0]) > Ranked(best)))
                {
                    best = candidates[0];
                }
            }

            if (best is not null)
            {
                placed.Add(best);
            }

            result.Add(new JobAssignment(job, best));
        }

        return result;
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> FreeGaps(IEnumerable<JobPlacement> placed, DateTimeOffset from, DateTimeOffset to)
    {
        var cursor = from;
        foreach (var busy in placed.Where(p => p.End > from && p.Start < to).OrderBy(p => p.Start))
        {
            if (busy.Start > cursor)
            {
                yield return (cursor, busy.Start);
            }

            cursor = busy.End > cursor ? busy.End : cursor;
        }

        if (to > cursor)
        {
            yield return (cursor, to);
        }
    }

    private static double Ranked(JobPlacement placement) =>
        placement.RankedBy == RankingMeasure.EventHours ? placement.ExpectedEventHours : placement.ExpectedCurtailedMwh;
}
