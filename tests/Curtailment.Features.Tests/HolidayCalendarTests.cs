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
    [InlineData(2024, 3, 29, "AU-SA")]  // Good Friday
    [InlineData(2024, 4, 1, "AU-SA")]   // Easter Monday
    [InlineData(2024, 1, 26, "AU-SA")]  // Australia Day
    [InlineData(2024, 10, 7, "AU-SA")]  // Labour Day (SA)
    [InlineData(2024, 10, 3, "DE")]     // Tag der Deutschen Einheit
    [InlineData(2024, 5, 9, "DE")]      // Ascension Day
    [InlineData(2024, 5, 20, "DE")]     // Whit Monday
    [InlineData(2025, 8, 4, "GB-SCT")]  // Scottish summer bank holiday (first Monday of August)
    [InlineData(2025, 1, 2, "GB-SCT")]  // 2 January, Scotland only
    [InlineData(2025, 8, 25, "GB-ENG")] // England's summer bank holiday (last Monday of August)
    [InlineData(2025, 3, 17, "IE")]     // St Patrick's Day
    public void IsHoliday_KnownHolidays_True(int year, int month, int day, string calendar)
    {
        Assert.True(HolidayCalendar.IsHoliday(new DateOnly(year, month, day), calendar));
    }

    [Theory]
    [InlineData(2021, 7, 4, "US")]
    [InlineData(2021, 3, 15, "US")]
    [InlineData(2024, 7, 4, "AU-SA")]
    [InlineData(2024, 7, 4, "DE")]
    [InlineData(2025, 8, 25, "GB-SCT")] // England's bank holiday is a working day in Scotland
    [InlineData(2025, 8, 4, "GB-ENG")]
    public void IsHoliday_OrdinaryDays_False(int year, int month, int day, string calendar)
    {
        Assert.False(HolidayCalendar.IsHoliday(new DateOnly(year, month, day), calendar));
    }

    [Fact]
    public void IsHoliday_UnknownCalendar_ThrowsNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => HolidayCalendar.IsHoliday(new DateOnly(2024, 1, 1), "MARS"));

        Assert.Contains("GB-SCT", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/Los_Angeles", "US")]
    [InlineData("Australia/Brisbane", "AU-SA")]
    [InlineData("Europe/Berlin", "DE")]
    [InlineData("Europe/London", "GB-ENG")]
    public void CalendarOf_TimeZone_GivesItsCountry(string zone, string calendar)
    {
        Assert.Equal(calendar, HolidayCalendar.CalendarOf(zone));
    }
}
