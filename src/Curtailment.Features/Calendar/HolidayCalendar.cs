namespace Curtailment.Features.Calendar;

/// <summary>
/// Public holidays that change load shape: US federal holidays (with their observed weekday) and South
/// Australian public holidays. Written here because no holiday package is in our feed.
/// </summary>
public static class HolidayCalendar
{
    /// <summary>Whether a local date is a public holiday in the given country (<c>US</c> or <c>AU</c>).</summary>
    public static bool IsHoliday(DateOnly date, string country) => country switch
    {
        "AU" => SouthAustralia(date.Year).Contains(date),
        _ => UnitedStates(date.Year).Contains(date),
    };

    /// <summary>The country whose holidays apply in a time zone.</summary>
    public static string CountryOf(string timeZoneId) =>
        timeZoneId.StartsWith("Australia/", StringComparison.Ordinal) ? "AU" : "US";

    private static HashSet<DateOnly> UnitedStates(int year)
    {
        var days = new HashSet<DateOnly>
        {
            Observed(new DateOnly(year, 1, 1)),
            NthWeekday(year, 1, DayOfWeek.Monday, 3),   // Martin Luther King Jr. Day
            NthWeekday(year, 2, DayOfWeek.Monday, 3),   // Washington's Birthday
            LastWeekday(year, 5, DayOfWeek.Monday),     // Memorial Day
            Observed(new DateOnly(year, 7, 4)),
            NthWeekday(year, 9, DayOfWeek.Monday, 1),   // Labor Day
            NthWeekday(year, 10, DayOfWeek.Monday, 2),  // Columbus Day
            Observed(new DateOnly(year, 11, 11)),
            NthWeekday(year, 11, DayOfWeek.Thursday, 4), // Thanksgiving
            Observed(new DateOnly(year, 12, 25)),
        };
        if (year >= 2021)
        {
            days.Add(Observed(new DateOnly(year, 6, 19))); // Juneteenth, federal since 2021
        }

        return days;
    }

    private static HashSet<DateOnly> SouthAustralia(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            MondayIfWeekend(new DateOnly(year, 1, 1)),
            MondayIfWeekend(new DateOnly(year, 1, 26)),   // Australia Day
            NthWeekday(year, 3, DayOfWeek.Monday, 2),     // Adelaide Cup
            easter.AddDays(-2), easter.AddDays(-1), easter.AddDays(1),
            new DateOnly(year, 4, 25),                    // Anzac Day
            NthWeekday(year, 6, DayOfWeek.Monday, 2),     // King's (Queen's) Birthday
            NthWeekday(year, 10, DayOfWeek.Monday, 1),    // Labour Day (SA)
            new DateOnly(year, 12, 24),                   // part-day from 19:00; load shape changes
            new DateOnly(year, 12, 25),
            new DateOnly(year, 12, 26),                   // Proclamation Day
            new DateOnly(year, 12, 31),                   // part-day from 19:00
        ];
    }

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly Observed(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly MondayIfWeekend(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (nth - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }
}
