namespace Curtailment.Core.Time;

/// <summary>
/// Conversions of operator wall-clock times to UTC that make the daylight-saving edge cases explicit:
/// a skipped (spring-forward) time is an error the caller must handle, a repeated (fall-back) time
/// needs the caller to say which occurrence it means.
/// </summary>
public static class LocalClock
{
    /// <summary>
    /// Converts a wall-clock time in <paramref name="zone"/> to UTC. Throws
    /// <see cref="NonexistentLocalTimeException"/> for a time in the skipped hour.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime wallClock, TimeZoneInfo zone, AmbiguousTime ambiguous)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw new NonexistentLocalTimeException(local, zone);
        }

        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            // Daylight offsets are the larger ones; the earlier instant has the larger offset.
            offset = ambiguous == AmbiguousTime.Earlier ? offsets.Max() : offsets.Min();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Whether the wall-clock time falls in the skipped spring-forward hour.</summary>
    public static bool IsNonexistent(DateTime wallClock, TimeZoneInfo zone) =>
        zone.IsInvalidTime(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified));

    /// <summary>Whether the wall-clock time falls in the repeated fall-back hour.</summary>
    public static bool IsAmbiguous(DateTime wallClock, TimeZoneInfo zone) =>
        zone.IsAmbiguousTime(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified));

    /// <summary>The UTC instants of local midnight starting <paramref name="day"/> and the next day.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day, TimeZoneInfo zone) =>
        (ToUtc(day.ToDateTime(TimeOnly.MinValue), zone, AmbiguousTime.Earlier),
         ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone, AmbiguousTime.Earlier));

    /// <summary>The local date of an instant in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
