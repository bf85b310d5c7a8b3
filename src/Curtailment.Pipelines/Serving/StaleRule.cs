using System.Globalization;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Pipelines.Forecasting;

namespace Curtailment.Pipelines.Serving;

/// <summary>
/// When a served forecast is stale, the one rule the forecast response, the outlook and the page share: the schedule
/// issues a region's day-ahead forecast at <see cref="DayAheadSchedule.IssueLocalTime"/> local each day
/// (<see cref="DayAheadSchedule.IssueTime"/>); a vintage issued before the latest such instant that has passed is
/// stale (the morning's issue did not happen: a feed down, a job failing), unless the request is for a range already
/// over, which a past vintage answers by design.
/// </summary>
public static class StaleRule
{
    /// <summary>The latest issue instant the schedule expected at or before <paramref name="now"/>: today's if its time has passed, else yesterday's.</summary>
    public static DateTimeOffset ExpectedIssue(Region region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(region);
        var today = LocalClock.LocalDate(now, region.TimeZone);
        // IssueTime(region, D) is 10:00 local on D-1: today's issue is the one for tomorrow.
        var todays = DayAheadSchedule.IssueTime(region, today.AddDays(1));
        return todays <= now ? todays : DayAheadSchedule.IssueTime(region, today);
    }

    /// <summary>
    /// Why a vintage issued at <paramref name="issuedAt"/>, answering a range that ends at <paramref name="rangeEnd"/>,
    /// is stale at <paramref name="now"/>; null when it is not.
    /// </summary>
    public static ForecastStaleness? Check(Region region, DateTimeOffset issuedAt, DateTimeOffset rangeEnd, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (rangeEnd <= now)
        {
            return null;
        }

        var expected = ExpectedIssue(region, now);
        return issuedAt >= expected
            ? null
            : new ForecastStaleness(expected, issuedAt, string.Create(CultureInfo.InvariantCulture,
                $"The forecast due at {Format(expected, region)} was not issued; serving the one issued at {Format(issuedAt, region)}."));
    }

    private static string Format(DateTimeOffset instant, Region region) =>
        TimeZoneInfo.ConvertTime(instant, region.TimeZone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)
        + $" ({region.TimeZoneId})";
}
