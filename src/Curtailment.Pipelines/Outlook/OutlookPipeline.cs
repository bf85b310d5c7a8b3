using Curtailment.Core.Forecasts;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Scheduling;
using Curtailment.Pipelines.Serving;

namespace Curtailment.Pipelines.Outlook;

/// <summary>
/// Every region's outlook for its next local day, read from stored forecasts only (nothing is computed on demand, so
/// the overview is cheap and says how stale each forecast is), with the model's skill on recent days.
/// </summary>
/// <remarks>
/// Skill compares, per interval of the last <see cref="SkillDays"/> days with an actual published by now, the newest
/// stored vintage issued before the interval's local day began (a day-ahead forecast, as the protocol scores them) with
/// the week-profile baseline as it stood at that vintage's issue time: the mean of the same local clock time over the
/// last 7 days whose value was published by then. Intervals without either are left out of both means.
/// </remarks>
public sealed class OutlookPipeline(IRegionCatalog regions, IForecastStore forecasts, IObservationReader reader, TimeProvider time)
{
    /// <summary>Length of the job the outlook places in each day.</summary>
    public static readonly TimeSpan WindowLength = TimeSpan.FromHours(3);

    /// <summary>Days of recent actuals the skill is measured on.</summary>
    public const int SkillDays = 14;

    /// <summary>Days the week-profile baseline averages.</summary>
    public const int BaselineDays = 7;

    /// <summary>How far back the baseline looks for its days (days without a published value are skipped).</summary>
    private const int BaselineLookBackDays = 14;

    /// <summary>The outlook of every region of the catalogue, in catalogue order.</summary>
    public async Task<IReadOnlyList<RegionOutlook>> GetAllAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = new List<RegionOutlook>(regions.All.Count);
        foreach (var region in regions.All)
        {
            result.Add(await GetAsync(region, now, cancellationToken));
        }

        return result;
    }

    /// <summary>The outlook of one region as of <paramref name="now"/>.</summary>
    public async Task<RegionOutlook> GetAsync(Region region, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        var target = TargetDescription.Of(region);
        var skill = await SkillAsync(region, now, cancellationToken);
        var day = LocalClock.LocalDate(now, region.TimeZone).AddDays(1);
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, region.TimeZone);
        var vintage = await forecasts.LatestForecastAsync(region.Id, dayStart, dayEnd, cancellationToken);
        if (now < DayAheadSchedule.IssueTime(region, day) && !(vintage is { Points.Count: > 0 } && vintage.Points[^1].IntervalEnd >= dayEnd))
        {
            // Before the day-ahead issue time (10:00 local) tomorrow's forecast is not due yet: today's is the one ahead.
            day = day.AddDays(-1);
            (dayStart, dayEnd) = LocalClock.DayBounds(day, region.TimeZone);
            vintage = await forecasts.LatestForecastAsync(region.Id, dayStart, dayEnd, cancellationToken);
        }

        if (vintage is null || vintage.Points.Count == 0)
        {
            var latestData = await reader.LatestIntervalEndAsync(region.Id, region.Target.Series, now, cancellationToken);
            var reason = latestData is null
                ? $"No {region.Target.Series} observations are stored for {region.Id}, so nothing can be forecast: ingest its data first."
                : $"No stored forecast covers {day:yyyy-MM-dd} ({region.TimeZoneId}) yet: the daily forecast job (10:00 local) or a forecast request issues one.";
            return new RegionOutlook(region.Id, region.Name, region.TimeZoneId, target, day, dayStart, dayEnd, now, null, reason, skill);
        }

        var summary = Summarize(region, vintage, dayStart, dayEnd, now);
        return summary is null
            ? new RegionOutlook(region.Id, region.Name, region.TimeZoneId, target, day, dayStart, dayEnd, now, null,
                $"The latest stored forecast ({vintage.ModelVersion}, issued {vintage.IssuedAt:yyyy-MM-dd HH:mm}Z) ends before now: the rest of {day:yyyy-MM-dd} is not covered.", skill)
            : new RegionOutlook(region.Id, region.Name, region.TimeZoneId, target, day, dayStart, dayEnd, now, summary, null, skill,
                StaleRule.Check(region, vintage.IssuedAt, dayEnd, now));
    }

    private static DayOutlook? Summarize(Region region, ForecastVintage vintage, DateTimeOffset dayStart, DateTimeOffset dayEnd, DateTimeOffset now)
    {
        // Today's outlook is the rest of today: nothing before now counts, and no window starts in the past.
        var from = now > dayStart ? now : dayStart;
        var points = vintage.Points.Where(p => p.IntervalEnd > from && p.IntervalStart >= dayStart && p.IntervalEnd <= dayEnd).ToList();
        if (points.Count == 0)
        {
            // Intervals straddling the day's bounds (a resolution that does not divide the day): keep those overlapping it.
            points = vintage.Points.Where(p => p.IntervalStart < dayEnd && p.IntervalEnd > from).ToList();
        }

        if (points.Count == 0)
        {
            return null;
        }

        double energy = 0, eventHours = 0;
        var covered = TimeSpan.Zero;
        var peak = points[0];
        foreach (var point in points)
        {
            var hours = (point.IntervalEnd - point.IntervalStart).TotalHours;
            energy += ForecastGrid.Rate(point, RankingMeasure.CurtailedEnergy) * hours;
            eventHours += ForecastGrid.Rate(point, RankingMeasure.EventHours) * hours;
            covered += point.IntervalEnd - point.IntervalStart;
            if (point.EventProbability > peak.EventProbability)
            {
                peak = point;
            }
        }

        var measure = RankingMeasures.For(region);
        var grids = new Dictionary<string, ForecastGrid>(StringComparer.Ordinal) { [region.Id] = new ForecastGrid(points, measure) };
        var best = BestWindowFinder.Rank(grids, WindowLength, from, dayEnd, 1);
        // A window where nothing is expected is no recommendation.
        var window = best.Count > 0 && (measure == RankingMeasure.EventHours ? best[0].ExpectedEventHours : best[0].ExpectedCurtailedMwh) > 0 ? best[0] : null;
        return new DayOutlook(
            vintage.Id, vintage.ModelVersion, vintage.IssuedAt, vintage.DataAsOf, now - vintage.IssuedAt, points.Count, covered.TotalHours, (dayEnd - dayStart).TotalHours,
            TargetDescription.Of(region).IsProxy ? null : energy, eventHours, window, peak.EventProbability, peak.IntervalStart);
    }

    private async Task<ForecastSkill> SkillAsync(Region region, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now.AddDays(-SkillDays);
        var series = region.Target.Series;
        var actuals = await reader.ReadAsync(
            new ObservationQuery(region.Id, series, from.AddDays(-BaselineLookBackDays - 1), now, now), cancellationToken);
        var recent = actuals.Where(o => o.IntervalStart >= from && o.IntervalEnd <= now).ToList();
        if (recent.Count == 0)
        {
            return new ForecastSkill(from, now, 0, 0, null, null, [],
                $"No {series} actuals published in the last {SkillDays} days to score against.");
        }

        // Vintages that can be day-ahead forecasts of the recent intervals: issued up to a day and a half before the range.
        var vintages = await forecasts.ListForecastsAsync(region.Id, from.AddDays(-2), now, cancellationToken);
        var dayStarts = new Dictionary<DateOnly, DateTimeOffset>();
        DateTimeOffset DayStart(DateTimeOffset instant)
        {
            var date = LocalClock.LocalDate(instant, region.TimeZone);
            if (!dayStarts.TryGetValue(date, out var start))
            {
                dayStarts[date] = start = LocalClock.DayBounds(date, region.TimeZone).Start;
            }

            return start;
        }

        // Per interval start, the newest vintage issued before the interval's local day (vintages come oldest first).
        var dayAhead = new Dictionary<long, (double Predicted, DateTimeOffset IssuedAt, string Model)>();
        foreach (var vintage in vintages)
        {
            foreach (var point in vintage.Points)
            {
                if (point.IntervalStart >= from && point.IntervalStart < now && vintage.IssuedAt <= DayStart(point.IntervalStart))
                {
                    dayAhead[point.IntervalStart.UtcTicks] = (point.PredictedMw, vintage.IssuedAt, vintage.ModelVersion);
                }
            }
        }

        if (dayAhead.Count == 0)
        {
            return new ForecastSkill(from, now, 0, 0, null, null, [],
                $"No stored forecast was issued before the day of any of the {recent.Count} actuals of the last {SkillDays} days (scored day-ahead).");
        }

        // The actuals by local day and clock time, for the baseline.
        var byClock = new Dictionary<(DateOnly Day, TimeOnly Clock), Observation>();
        foreach (var observation in actuals)
        {
            var local = TimeZoneInfo.ConvertTime(observation.IntervalStart, region.TimeZone);
            byClock.TryAdd((DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime)), observation);
        }

        double modelError = 0, baselineError = 0;
        var count = 0;
        var days = new HashSet<DateOnly>();
        var models = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        foreach (var actual in recent)
        {
            if (!seen.Add(actual.IntervalStart.UtcTicks) || !dayAhead.TryGetValue(actual.IntervalStart.UtcTicks, out var forecast))
            {
                continue;
            }

            var local = TimeZoneInfo.ConvertTime(actual.IntervalStart, region.TimeZone);
            var date = DateOnly.FromDateTime(local.DateTime);
            var clock = TimeOnly.FromDateTime(local.DateTime);
            double sum = 0;
            var n = 0;
            for (var back = 1; back <= BaselineLookBackDays && n < BaselineDays; back++)
            {
                if (byClock.TryGetValue((date.AddDays(-back), clock), out var past) && past.PublishedAt <= forecast.IssuedAt)
                {
                    sum += past.Value;
                    n++;
                }
            }

            if (n == 0)
            {
                continue;
            }

            modelError += Math.Abs(forecast.Predicted - actual.Value);
            baselineError += Math.Abs((sum / n) - actual.Value);
            count++;
            days.Add(date);
            models.Add(forecast.Model);
        }

        return count == 0
            ? new ForecastSkill(from, now, 0, 0, null, null, [],
                $"The day-ahead forecasts of the last {SkillDays} days cover no interval for which the week-profile baseline had data at issue time.")
            : new ForecastSkill(from, now, count, days.Count, modelError / count, baselineError / count, [.. models], null);
    }
}
