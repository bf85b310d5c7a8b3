using Curtailment.Core.Regions;
using Curtailment.Core.Time;

namespace Curtailment.Pipelines.Forecasting;

/// <summary>The protocol's day-ahead timing: the forecast for local day D is issued at 10:00 local on D-1.</summary>
public static class DayAheadSchedule
{
    /// <summary>Local issue time of a day-ahead forecast.</summary>
    public static readonly TimeOnly IssueLocalTime = new(10, 0);

    /// <summary>When the forecast for <paramref name="targetDay"/> is issued (UTC).</summary>
    public static DateTimeOffset IssueTime(Region region, DateOnly targetDay)
    {
        ArgumentNullException.ThrowIfNull(region);
        return LocalClock.ToUtc(targetDay.AddDays(-1).ToDateTime(IssueLocalTime), region.TimeZone, AmbiguousTime.Earlier);
    }

    /// <summary>The UTC bounds of a local day (23, 24 or 25 hours).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(Region region, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(region);
        return LocalClock.DayBounds(day, region.TimeZone);
    }
}
