using Curtailment.Core.Time;

namespace Curtailment.Ingestion.Feeds;

/// <summary>Which periods of a feed a run should (re)fetch at a given instant.</summary>
public static class FeedPeriods
{
    /// <summary>
    /// The first days of the periods that overlap the last <paramref name="lookbackDays"/> local days of the feed's
    /// operator (and the next day, for day-ahead files), oldest first, leaving out periods not expected yet at
    /// <paramref name="now"/>. Files that grow through their period are fetched again until they leave the window.
    /// </summary>
    public static IReadOnlyList<DateOnly> Due(IOperatorFeed feed, DateTimeOffset now, int lookbackDays)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackDays, 1);
        var today = LocalClock.LocalDate(now, feed.Publication.TimeZone);
        var ahead = Math.Max(0, -feed.Publication.DayOffset);
        var periods = new SortedSet<DateOnly>();
        for (var day = today.AddDays(1 - lookbackDays); day <= today.AddDays(ahead); day = day.AddDays(1))
        {
            var start = feed.Cadence.PeriodStart(day);
            if (feed.Publication.ExpectedAt(start) <= now)
            {
                periods.Add(start);
            }
        }

        return [.. periods];
    }
}
