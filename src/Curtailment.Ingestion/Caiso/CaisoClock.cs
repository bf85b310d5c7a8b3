using System.Globalization;
using Curtailment.Core.Time;

namespace Curtailment.Ingestion.Caiso;

/// <summary>
/// CAISO's hour-ending clock: hour <c>h</c> of a local day starts at wall-clock <c>(h-1):00</c>. The
/// fall-back day has a repeated hour that the sheets label once; a second row for the same label (or
/// hour 25) means the repeat, so callers say which occurrence a row is.
/// </summary>
internal static class CaisoClock
{
    /// <summary>
    /// The UTC start of the slot <paramref name="offsetInHour"/> into hour-ending <paramref name="hourEnding"/>
    /// of <paramref name="date"/>; false with a reason a person can act on when there is no such time.
    /// </summary>
    public static bool TryStart(DateOnly date, int hourEnding, TimeSpan offsetInHour, bool secondOccurrence, TimeZoneInfo zone,
        out DateTimeOffset start, out string reason)
    {
        start = default;
        reason = string.Empty;
        if (hourEnding is < 1 or > 25)
        {
            reason = $"hour-ending {hourEnding} is outside 1..24 (25 only on the fall-back day)";
            return false;
        }

        DateTime wallClock;
        var ambiguous = secondOccurrence ? AmbiguousTime.Later : AmbiguousTime.Earlier;
        if (hourEnding == 25)
        {
            // Hour 25 can only be the second run of the repeated hour; other days have no 25th hour.
            var repeated = RepeatedHour(date, zone);
            if (repeated is null)
            {
                reason = $"hour-ending 25 on {Iso(date)}, which is not a daylight-saving fall-back day";
                return false;
            }

            wallClock = date.ToDateTime(TimeOnly.MinValue).AddHours(repeated.Value) + offsetInHour;
            ambiguous = AmbiguousTime.Later;
        }
        else
        {
            wallClock = date.ToDateTime(TimeOnly.MinValue).AddHours(hourEnding - 1) + offsetInHour;
        }

        if (LocalClock.IsNonexistent(wallClock, zone))
        {
            reason = $"{wallClock:yyyy-MM-dd HH:mm} (hour-ending {hourEnding}) does not exist in {zone.Id}: clocks spring forward";
            return false;
        }

        start = LocalClock.ToUtc(wallClock, zone, ambiguous);
        return true;
    }

    /// <summary>Whether the wall-clock start of the slot falls in the repeated fall-back hour.</summary>
    public static bool IsRepeated(DateOnly date, int hourEnding, TimeSpan offsetInHour, TimeZoneInfo zone) =>
        hourEnding is >= 1 and <= 24
        && LocalClock.IsAmbiguous(date.ToDateTime(TimeOnly.MinValue).AddHours(hourEnding - 1) + offsetInHour, zone);

    /// <summary>Parses an integer field (<c>8</c>; a workbook may give <c>8.0</c>).</summary>
    public static bool TryParseWhole(string text, out int value)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }

        return false;
    }

    /// <summary><c>yyyy-MM-dd</c>, for messages.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The local hour (0..23) that occurs twice on <paramref name="date"/>, or null.</summary>
    private static int? RepeatedHour(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        for (var h = 0; h < 24; h++)
        {
            if (LocalClock.IsAmbiguous(midnight.AddHours(h).AddMinutes(30), zone))
            {
                return h;
            }
        }

        return null;
    }
}
