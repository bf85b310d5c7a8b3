using Curtailment.Core.Time;

namespace Curtailment.Ingestion.Feeds;

/// <summary>
/// When an operator publishes the file of a period, in its own local time: at <see cref="LocalTime"/> on the day
/// <see cref="DayOffset"/> days after the period's first day (-1: the day before, as day-ahead forecasts; 1: the day
/// after, as CAISO's curtailment report; 0: from the period's own start, for files that grow through it).
/// </summary>
/// <param name="TimeZoneId">IANA zone of the operator's clock (<c>America/Los_Angeles</c>).</param>
/// <param name="DayOffset">Days from the period's first day to the publication day.</param>
/// <param name="LocalTime">Local time of publication on that day.</param>
/// <param name="Description">The publication habit in words, for the operations guide and the logs.</param>
public sealed record FeedPublication(string TimeZoneId, int DayOffset, TimeOnly LocalTime, string Description)
{
    /// <summary>The operator's time zone.</summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>When the file of the period starting on <paramref name="periodStart"/> is first expected (UTC).</summary>
    public DateTimeOffset ExpectedAt(DateOnly periodStart) =>
        LocalClock.ToUtc(periodStart.AddDays(DayOffset).ToDateTime(LocalTime), TimeZone, AmbiguousTime.Later);
}
