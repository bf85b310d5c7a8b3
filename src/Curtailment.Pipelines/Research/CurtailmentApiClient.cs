using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using Curtailment.Core.Forecasts;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Research;

/// <summary>
/// A small client of the public API v1 (forecast, windows, best window) and a greedy scheduler on top of it, for
/// notebooks and scripts. Errors of the API (problem+json) become <see cref="HttpRequestException"/>s carrying the detail.
/// </summary>
public sealed class CurtailmentApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The forecast of a region for [from, to), as a vintage (plot it with <c>CurtailmentPlots.Forecast</c>).</summary>
    public async Task<ForecastVintage> ForecastAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var wire = await GetAsync<ForecastWire>($"api/v1/regions/{Uri.EscapeDataString(region)}/forecast?from={Iso(from)}&to={Iso(to)}", cancellationToken).ConfigureAwait(false);
        return new ForecastVintage(wire.Id, wire.Region, wire.IssuedAt, wire.GeneratedAt, wire.ModelVersion, wire.DataAsOf,
            wire.Intervals.Select(i => new ForecastPoint(i.IntervalStart, i.IntervalEnd, i.PredictedMw, i.LowerMw, i.UpperMw, i.EventProbability)).ToList());
    }

    /// <summary>Predicted curtailment windows of a region in [from, to) with the region's default thresholds.</summary>
    public async Task<IReadOnlyList<CurtailmentWindow>> WindowsAsync(string region, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var wire = await GetAsync<WindowsWire>($"api/v1/regions/{Uri.EscapeDataString(region)}/windows?from={Iso(from)}&to={Iso(to)}", cancellationToken).ConfigureAwait(false);
        return wire.Windows;
    }

    /// <summary>The best <paramref name="top"/> start times for a job across <paramref name="regions"/>.</summary>
    public async Task<IReadOnlyList<JobPlacement>> BestWindowAsync(
        IEnumerable<string> regions, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top = 3, CancellationToken cancellationToken = default)
    {
        var wire = await GetAsync<BestWindowWire>(
            $"api/v1/best-window?regions={Uri.EscapeDataString(string.Join(',', regions))}&duration={XmlConvert.ToString(duration)}"
            + $"&earliestStart={Iso(earliestStart)}&deadline={Iso(deadline)}&top={top.ToString(CultureInfo.InvariantCulture)}",
            cancellationToken).ConfigureAwait(false);
        return wire.Candidates
            .Select(c => new JobPlacement(c.Region, c.Start, c.End, c.ExpectedCurtailedMwh ?? 0, c.ProbabilityAnyCurtailment, c.PeakMw ?? double.NaN,
                c.ExpectedEventHours, RankingMeasures.Parse(wire.RankedBy) ?? RankingMeasure.CurtailedEnergy))
            .ToList();
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

    private static string Iso(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture));

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"GET {path} answered an empty body.");
    }

    private sealed record ForecastWire(long Id, string Region, DateTimeOffset IssuedAt, DateTimeOffset GeneratedAt, string ModelVersion, DateTimeOffset? DataAsOf, IReadOnlyList<IntervalWire> Intervals);

    private sealed record IntervalWire(DateTimeOffset IntervalStart, DateTimeOffset IntervalEnd, double PredictedMw, double LowerMw, double UpperMw, double EventProbability);

    private sealed record WindowsWire(IReadOnlyList<CurtailmentWindow> Windows);

    private static double Ranked(JobPlacement placement) =>
        placement.RankedBy == RankingMeasure.EventHours ? placement.ExpectedEventHours : placement.ExpectedCurtailedMwh;

    private sealed record BestWindowWire(string? RankedBy, IReadOnlyList<CandidateWire> Candidates);

    // A proxy region's candidates carry no MW (null on the wire).
    private sealed record CandidateWire(
        string Region, DateTimeOffset Start, DateTimeOffset End, double? ExpectedCurtailedMwh, double ProbabilityAnyCurtailment, double? PeakMw, double ExpectedEventHours);
}
