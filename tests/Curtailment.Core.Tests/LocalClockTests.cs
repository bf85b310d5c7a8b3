using Curtailment.Core.Time;

namespace Curtailment.Core.Tests;

public sealed class LocalClockTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void ToUtc_SkippedSpringForwardTime_Throws()
    {
        var error = Assert.Throws<NonexistentLocalTimeException>(() => LocalClock.ToUtc(new DateTime(2021, 3, 14, 2, 30, 0), Pacific, AmbiguousTime.Earlier));

        Assert.Contains("spring forward", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtc_RepeatedFallBackTime_GivesBothOccurrencesAnHourApart()
    {
        var wallClock = new DateTime(2021, 11, 7, 1, 30, 0);

        var earlier = LocalClock.ToUtc(wallClock, Pacific, AmbiguousTime.Earlier);
        var later = LocalClock.ToUtc(wallClock, Pacific, AmbiguousTime.Later);

        Assert.Equal(new DateTimeOffset(2021, 11, 7, 8, 30, 0, TimeSpan.Zero), earlier);
        Assert.Equal(new DateTimeOffset(2021, 11, 7, 9, 30, 0, TimeSpan.Zero), later);
    }

    [Fact]
    public void DayBounds_FallBackDay_Lasts25Hours()
    {
        var (start, end) = LocalClock.DayBounds(new DateOnly(2021, 11, 7), Pacific);

        Assert.Equal(TimeSpan.FromHours(25), end - start);
        Assert.Equal(new DateTimeOffset(2021, 11, 7, 7, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void DayBounds_SpringForwardDay_Lasts23Hours()
    {
        var (start, end) = LocalClock.DayBounds(new DateOnly(2021, 3, 14), Pacific);

        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }
}
