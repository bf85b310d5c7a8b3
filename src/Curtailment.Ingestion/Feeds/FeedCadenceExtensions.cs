namespace Curtailment.Ingestion.Feeds;

/// <summary>Periods of a <see cref="FeedCadence"/>.</summary>
public static class FeedCadenceExtensions
{
    /// <summary>The first day of the period that holds <paramref name="day"/>.</summary>
    public static DateOnly PeriodStart(this FeedCadence cadence, DateOnly day) => cadence switch
    {
        FeedCadence.Monthly => new DateOnly(day.Year, day.Month, 1),
        FeedCadence.Yearly => new DateOnly(day.Year, 1, 1),
        _ => day,
    };
}
