using Curtailment.Features.Calendar;

namespace Curtailment.Features.Tests;

public sealed class HolidayCalendarTests
{
    [Theory]
    [InlineData(2021, 1, 18, "US")]  // Martin Luther King Jr. Day
    [InlineData(2021, 5, 31, "US")]  // Memorial Day
    [InlineData(2021, 7, 5, "US")]   // 4 July fell on a Sunday: observed Monday
    [InlineData(2021, 11, 25, "US")] // Thanksgiving
    [InlineData(2020, 12, 25, "US")]
    [InlineData(2024, 3, 29, "AU")]  // Good Friday
    [InlineData(2024, 4, 1, "AU")]   // Easter Monday
    [InlineData(2024, 1, 26, "AU")]  // Australia Day
    [InlineData(2024, 10, 7, "AU")]  // Labour Day (SA)
    public void IsHoliday_KnownHolidays_True(int year, int month, int day, string country)
    {
        Assert.True(HolidayCalendar.IsHoliday(new DateOnly(year, month, day), country));
    }

    [Theory]
    [InlineData(2021, 7, 4, "US")]
    [InlineData(2021, 3, 15, "US")]
    [InlineData(2024, 7, 4, "AU")]
    public void IsHoliday_OrdinaryDays_False(int year, int month, int day, string country)
    {
        Assert.False(HolidayCalendar.IsHoliday(new DateOnly(year, month, day), country));
    }

    [Theory]
    [InlineData(2021, 4, 4)]
    [InlineData(2024, 3, 31)]
    [InlineData(2019, 4, 21)]
    public void EasterSunday_MatchesTheChurchCalendar(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), HolidayCalendar.EasterSunday(year));
    }
}
