namespace Curtailment.Host.Live;

/// <summary>
/// The host's clock in virtual mode (<c>Curtailment:Clock:Mode=Virtual</c>): it shows the instant it was last set to
/// and moves only forward, when the schedule runner advances it. Timers and timestamps stay on real time (network
/// waits and retries are real even in a replay).
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    /// <summary>Creates the clock showing <paramref name="start"/> (as UTC).</summary>
    public VirtualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Sets the clock to <paramref name="instant"/>; an earlier instant than the current one is refused.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instant"/> is before the clock's time.</exception>
    public void MoveTo(DateTimeOffset instant)
    {
        lock (_gate)
        {
            if (instant < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(instant), instant, $"The virtual clock moves only forward; it shows {_now:O}.");
            }

            _now = instant.ToUniversalTime();
        }
    }
}
