using Curtailment.Ingestion.Feeds;

namespace Curtailment.Ingestion.Tests.Feeds;

public class FeedPeriodsTests
{
    /// <summary>A feed that is only its schedule.</summary>
    private sealed class Schedule(FeedCadence cadence, FeedPublication publication) : IOperatorFeed
    {
        public string Name => "schedule";

        public string Source => "tidy";

        public string RegionId => "CAISO";

        public FeedCadence Cadence { get; } = cadence;

        public FeedPublication Publication { get; } = publication;

        public Task<FeedResult> FetchAsync(DateOnly day, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static readonly DateTimeOffset MorningInCalifornia = new(2021, 3, 14, 16, 30, 0, TimeSpan.Zero); // 09:30 PDT

    [Fact]
    public void Due_GrowingDailyFile_LookbackDaysIncludingToday()
    {
        var feed = new Schedule(FeedCadence.Daily, new FeedPublication("America/Los_Angeles", 0, new TimeOnly(0, 5), "grows"));

        var due = FeedPeriods.Due(feed, MorningInCalifornia, 3);

        Assert.Equal([new DateOnly(2021, 3, 12), new DateOnly(2021, 3, 13), new DateOnly(2021, 3, 14)], due);
    }

    [Fact]
    public void Due_DayAheadFileAfterItsTime_IncludesTomorrow()
    {
        var feed = new Schedule(FeedCadence.Daily, new FeedPublication("America/Los_Angeles", -1, new TimeOnly(9, 0), "day-ahead"));

        Assert.Equal([new DateOnly(2021, 3, 14), new DateOnly(2021, 3, 15)], FeedPeriods.Due(feed, MorningInCalifornia, 1));
        Assert.Equal([new DateOnly(2021, 3, 14)], FeedPeriods.Due(feed, MorningInCalifornia.AddHours(-1), 1));
    }

    [Fact]
    public void Due_NextMorningReport_LeavesOutDaysNotExpectedYet()
    {
        var feed = new Schedule(FeedCadence.Daily, new FeedPublication("America/Los_Angeles", 1, new TimeOnly(10, 0), "next day"));

        // 09:30 on the 14th: the 13th's report is due at 10:00, so only the 12th's is.
        Assert.Equal([new DateOnly(2021, 3, 12)], FeedPeriods.Due(feed, MorningInCalifornia, 3));
        Assert.Equal([new DateOnly(2021, 3, 12), new DateOnly(2021, 3, 13)], FeedPeriods.Due(feed, MorningInCalifornia.AddHours(1), 3));
    }

    [Fact]
    public void Due_MonthlyFileAcrossAMonthStart_BothMonths()
    {
        var feed = new Schedule(FeedCadence.Monthly, new FeedPublication("Australia/Brisbane", 0, TimeOnly.MinValue, "grows"));
        var now = new DateTimeOffset(2024, 2, 1, 3, 0, 0, TimeSpan.Zero); // 13:00 on 1 February, NEM time

        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)], FeedPeriods.Due(feed, now, 2));
    }
}
