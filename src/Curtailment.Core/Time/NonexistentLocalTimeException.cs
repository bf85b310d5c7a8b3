namespace Curtailment.Core.Time;

/// <summary>A wall-clock time inside the hour skipped when clocks spring forward.</summary>
public sealed class NonexistentLocalTimeException : Exception
{
    /// <summary>Creates the exception for the given time and zone.</summary>
    public NonexistentLocalTimeException(DateTime wallClock, TimeZoneInfo zone)
        : base($"{wallClock:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (clocks spring forward).")
    {
        WallClock = wallClock;
    }

    /// <summary>The wall-clock time that does not exist.</summary>
    public DateTime WallClock { get; }
}
