using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Tests.Training;

public sealed class RetrainScheduleTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void Between_DailyAcrossSpringForward_FiresAtLocalTimeEachDay()
    {
        var schedule = RetrainSchedule.Parse("30 3 * * *", LosAngeles);

        var instants = schedule.Between(new DateTimeOffset(2021, 3, 13, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 15, 11, 0, 0, TimeSpan.Zero)).ToList();

        // 03:30 PST is 11:30 UTC; after the change on 14 March, 03:30 PDT is 10:30 UTC.
        Assert.Equal(
            [new DateTimeOffset(2021, 3, 13, 11, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 14, 10, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 15, 10, 30, 0, TimeSpan.Zero)],
            instants);
    }

    [Fact]
    public void LatestAtOrBefore_WeeklySchedule_FindsThePreviousMonday()
    {
        var schedule = RetrainSchedule.Parse("30 3 * * 1", LosAngeles);

        var latest = schedule.LatestAtOrBefore(new DateTimeOffset(2021, 2, 11, 18, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(14));

        Assert.Equal(new DateTimeOffset(2021, 2, 8, 11, 30, 0, TimeSpan.Zero), latest);
    }

    [Fact]
    public void Between_InstantOnTheBoundary_IncludesTheEndOnly()
    {
        var schedule = RetrainSchedule.Parse("0 10 * * *", TimeZoneInfo.Utc);
        var at = new DateTimeOffset(2021, 2, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Empty(schedule.Between(at, at.AddHours(1)));
        Assert.Equal([at], schedule.Between(at.AddHours(-1), at));
    }

    [Fact]
    public void Parse_NotACronExpression_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => RetrainSchedule.Parse("every monday", LosAngeles));

        Assert.Contains("'every monday' is not a five-field cron expression", error.Message, StringComparison.Ordinal);
    }
}
