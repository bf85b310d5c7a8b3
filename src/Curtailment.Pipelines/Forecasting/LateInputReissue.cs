using Curtailment.Core.Forecasts;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Microsoft.Extensions.Logging;

namespace Curtailment.Pipelines.Forecasting;

/// <summary>
/// Issues the pending day's forecast again when what it should have known arrives late: after the day-ahead issue
/// (10:00 on D-1) and before D starts, if no vintage was issued for D since the issue time (the forecast was missed),
/// or if the vintage issued then lacked an input the information cut allows (a day-ahead driver for D, the target's
/// day D-2) that the store now holds. Vintages issued at 10:00 stay as they were: the late one is a new vintage.
/// </summary>
public sealed class LateInputReissue(
    IRegionCatalog regions, IObservationReader reader, IForecastStore forecasts, ForecastPipeline pipeline, TimeProvider time, ILogger<LateInputReissue> logger)
{
    /// <summary>The day-ahead drivers whose absence at issue time makes a vintage worth issuing again once they arrive.</summary>
    public static IReadOnlyList<string> DayAheadDrivers { get; } =
        [SeriesIds.DemandForecastDayAhead, SeriesIds.SolarForecastDayAhead, SeriesIds.WindForecastDayAhead];

    /// <summary>Issues a new vintage for <paramref name="regionId"/> when one is due by the rule above; null otherwise.</summary>
    public async Task<ForecastVintage?> ReissueIfInputsArrivedAsync(string regionId, CancellationToken cancellationToken)
    {
        var region = regions.Get(regionId);
        var now = time.GetUtcNow();
        var target = LocalClock.LocalDate(now, region.TimeZone).AddDays(1);
        var issue = DayAheadSchedule.IssueTime(region, target);
        if (now <= issue)
        {
            return null;
        }

        var issued = await forecasts.ListForecastsAsync(region.Id, issue, now, cancellationToken);
        string reason;
        if (issued.Count == 0)
        {
            reason = $"no vintage was issued for {target:yyyy-MM-dd} since {issue:O}";
        }
        else
        {
            var latest = issued.MaxBy(v => v.IssuedAt)!;
            var missingThen = await MissingAsync(region, target, latest.IssuedAt, cancellationToken);
            var arrived = missingThen.Except(await MissingAsync(region, target, now, cancellationToken)).ToList();
            if (arrived.Count == 0)
            {
                return null;
            }

            reason = $"{string.Join(", ", arrived)} arrived after vintage {latest.Id} was issued at {latest.IssuedAt:O}";
        }

        logger.LogInformation("Issuing {Region}'s forecast for {Day} again: {Reason}", region.Id, target, reason);
        return await pipeline.ForecastAsync(region.Id, now, cancellationToken);
    }

    /// <summary>The inputs of target day <paramref name="target"/> that were not known at <paramref name="asOf"/>.</summary>
    private async Task<List<string>> MissingAsync(Region region, DateOnly target, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var (start, end) = DayAheadSchedule.DayBounds(region, target);
        foreach (var series in DayAheadDrivers)
        {
            var known = await reader.ReadAsync(new ObservationQuery(region.Id, series, start, end, asOf), cancellationToken);
            if (known.Count == 0)
            {
                missing.Add(series);
            }
        }

        var (_, endOfDayBefore) = DayAheadSchedule.DayBounds(region, target.AddDays(-2));
        if (await reader.LatestIntervalEndAsync(region.Id, region.Target.Series, asOf, cancellationToken) is not { } latest || latest < endOfDayBefore)
        {
            missing.Add(region.Target.Series);
        }

        return missing;
    }
}
