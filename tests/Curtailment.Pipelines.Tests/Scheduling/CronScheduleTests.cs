using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Tests.Scheduling;

public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void Between_DailyAcrossSpringForward_FiresAtLocalTimeEachDay()
    {
        var schedule = CronSchedule.Parse("30 3 * * *", LosAngeles);

        var instants = schedule.Between(new DateTimeOffset(2021, 3, 13, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 15, 11, 0, 0, TimeSpan.Zero)).ToList();

        // 03:30 PST is 11:30 UTC; after the change on 14 March, 03:30 PDT is 10:30 UTC.
        Assert.Equal(
            [new DateTimeOffset(2021, 3, 13, 11, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 14, 10, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 15, 10, 30, 0, TimeSpan.Zero)],
            instants);
    }

    [Fact]
    public void LatestAtOrBefore_WeeklySchedule_FindsThePreviousMonday()
    {
        var schedule = CronSchedule.Parse("30 3 * * 1", LosAngeles);

        var latest = schedule.LatestAtOrBefore(new DateTimeOffset(2021, 2, 11, 18, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(14));

        Assert.Equal(new DateTimeOffset(2021, 2, 8, 11, 30, 0, TimeSpan.Zero), latest);
    }

    [Fact]
    public void Between_InstantOnTheBoundary_IncludesTheEndOnly()
    {
        var schedule = CronSchedule.Parse("0 10 * * *", TimeZoneInfo.Utc);
        var at = new DateTimeOffset(2021, 2, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Empty(schedule.Between(at, at.AddHours(1)));
        Assert.Equal([at], schedule.Between(at.AddHours(-1), at));
    }

    [Fact]
    public void Parse_NotACronExpression_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("every monday", LosAngeles));

        Assert.Contains("'every monday' is not a five-field cron expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SixFieldsWithSecondsAllowed_FiresAtTheSecond()
    {
        var schedule = CronSchedule.Parse("30 0 10 * * *", TimeZoneInfo.Utc, allowSeconds: true);
        var ten = new DateTimeOffset(2021, 2, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal([ten.AddSeconds(30)], schedule.Between(ten, ten.AddMinutes(1)));
    }

    [Fact]
    public void Parse_SixFieldsWithoutSecondsAllowed_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("30 0 10 * * *", TimeZoneInfo.Utc));

        Assert.Contains("'30 0 10 * * *' is not a five-field cron expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadExpressionWithSecondsAllowed_ThrowsNamingItAndBothForms()
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("61 * * * *", TimeZoneInfo.Utc, allowSeconds: true));

        Assert.Contains("'61 * * * *' is not a cron expression of five fields", error.Message, StringComparison.Ordinal);
        Assert.Contains("or six (seconds first)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiresAt_LocalTimeAcrossSpringForward_OnlyAtTheLocalInstant()
    {
        var schedule = CronSchedule.Parse("30 3 * * *", LosAngeles);

        // 03:30 PDT on 14 March 2021 is 10:30 UTC; 11:30 UTC (03:30 PST the day before) no longer fires.
        Assert.True(schedule.FiresAt(new DateTimeOffset(2021, 3, 14, 10, 30, 0, TimeSpan.Zero)));
        Assert.False(schedule.FiresAt(new DateTimeOffset(2021, 3, 14, 11, 30, 0, TimeSpan.Zero)));
        Assert.True(schedule.FiresAt(new DateTimeOffset(2021, 3, 13, 11, 30, 0, TimeSpan.Zero)));
    }
}
