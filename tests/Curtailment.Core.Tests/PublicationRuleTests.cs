using Curtailment.Core.Time;

namespace Curtailment.Core.Tests;

public sealed class PublicationRuleTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void PublishedAt_RealTime_IsTheIntervalEnd()
    {
        var start = new DateTimeOffset(2021, 3, 1, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(start.AddMinutes(5), PublicationRule.Parse("realtime").PublishedAt(start, start.AddMinutes(5), Pacific));
    }

    [Fact]
    public void PublishedAt_RealTimePlusOneHour_AddsTheDelay()
    {
        var start = new DateTimeOffset(2021, 3, 1, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(start.AddHours(2), PublicationRule.Parse("realtime+PT1H").PublishedAt(start, start.AddHours(1), Pacific));
    }

    [Fact]
    public void PublishedAt_NextDay_IsTenLocalTheFollowingDay()
    {
        // 23:55 PST on 1 March 2021 is 07:55 UTC on 2 March; the local day is 1 March.
        var start = new DateTimeOffset(2021, 3, 2, 7, 55, 0, TimeSpan.Zero);

        var published = PublicationRule.Parse("nextday@10:00").PublishedAt(start, start.AddMinutes(5), Pacific);

        Assert.Equal(new DateTimeOffset(2021, 3, 2, 18, 0, 0, TimeSpan.Zero), published);
    }

    [Fact]
    public void PublishedAt_DayAheadAcrossSpringForward_UsesDaylightOffsetOfThatMorning()
    {
        // Interval on 15 March 2021 (PDT); published 10:00 PDT on 14 March, the spring-forward day.
        var start = new DateTimeOffset(2021, 3, 15, 19, 0, 0, TimeSpan.Zero);

        var published = PublicationRule.Parse("dayahead@10:00").PublishedAt(start, start.AddHours(1), Pacific);

        Assert.Equal(new DateTimeOffset(2021, 3, 14, 17, 0, 0, TimeSpan.Zero), published);
    }

    [Fact]
    public void PublishedAt_SameDayMidnightInLondon_IsTheStartOfTheIntervalsLocalDay()
    {
        // 12:30 BST on 1 June 2025 (11:30 UTC): the local day starts at 23:00 UTC on 31 May.
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var start = new DateTimeOffset(2025, 6, 1, 11, 30, 0, TimeSpan.Zero);

        var rule = PublicationRule.Parse("sameday@00:00");

        Assert.Equal(PublicationKind.SameDay, rule.Kind);
        Assert.Equal(PublicationRule.SameDayStart, rule);
        Assert.Equal(new DateTimeOffset(2025, 5, 31, 23, 0, 0, TimeSpan.Zero), rule.PublishedAt(start, start.AddMinutes(30), london));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sometime")]
    [InlineData("realtime+1h")]
    [InlineData("dayahead@25:00")]
    [InlineData("nextday@10")]
    public void Parse_Invalid_ThrowsNamingTheAcceptedForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => PublicationRule.Parse(text));

        Assert.Contains("realtime+<ISO-8601 duration>", error.Message, StringComparison.Ordinal);
    }
}
