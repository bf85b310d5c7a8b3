using System.Collections.Concurrent;
using PublicHoliday;

namespace Curtailment.Features.Calendar;

/// <summary>
/// Public holidays that change load shape, from the PublicHoliday library, by calendar: <c>US</c> (federal),
/// <c>AU-SA</c> (South Australia), <c>DE</c> (nationwide German holidays), <c>GB-ENG</c> and <c>GB-SCT</c>
/// (bank holidays of England and Wales, of Scotland) and <c>IE</c>.
/// </summary>
public static class HolidayCalendar
{
    private static readonly ConcurrentDictionary<(string Calendar, int Year), HashSet<DateOnly>> Years = new();

    /// <summary>The calendars <see cref="IsHoliday"/> knows.</summary>
    public static IReadOnlyList<string> Calendars { get; } = ["US", "AU-SA", "DE", "GB-ENG", "GB-SCT", "IE"];

    /// <summary>Whether a local date is a public holiday in a calendar; throws for a calendar not in <see cref="Calendars"/>.</summary>
    public static bool IsHoliday(DateOnly date, string calendar) =>
        Years.GetOrAdd((calendar, date.Year), key => Source(key.Calendar).PublicHolidays(key.Year).Select(DateOnly.FromDateTime).ToHashSet())
            .Contains(date);

    /// <summary>The calendar of a time zone, for regions that name none.</summary>
    public static string CalendarOf(string timeZoneId) => timeZoneId switch
    {
        _ when timeZoneId.StartsWith("Australia/", StringComparison.Ordinal) => "AU-SA",
        "Europe/Berlin" => "DE",
        "Europe/London" => "GB-ENG",
        "Europe/Dublin" => "IE",
        _ => "US",
    };

    private static IPublicHolidays Source(string calendar) => calendar switch
    {
        "US" => new USAPublicHoliday(),
        "AU-SA" => new AustraliaPublicHoliday { State = AustraliaPublicHoliday.States.SA },
        "DE" => new GermanPublicHoliday { State = GermanPublicHoliday.States.ALL },
        "GB-ENG" => new UKBankHoliday(UKBankHoliday.UkCountries.England),
        "GB-SCT" => new UKBankHoliday(UKBankHoliday.UkCountries.Scotland),
        "IE" => new IrelandPublicHoliday(),
        _ => throw new ArgumentException($"Unknown holiday calendar '{calendar}'. Known calendars: {string.Join(", ", Calendars)}.", nameof(calendar)),
    };
}
