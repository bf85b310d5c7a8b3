namespace Curtailment.ReplayServer;

/// <summary>
/// The replay's virtual clock: a <see cref="TimeProvider"/> whose "now" only moves when it is set or advanced (by the
/// test, or by <c>PUT /_replay/clock</c>). Timers still run on real time: the server only reads the clock to decide
/// what the operators had published.
/// </summary>
public sealed class ReplayClock : TimeProvider
{
    private long _utcTicks;

    /// <summary>Creates the clock at <paramref name="utcNow"/>.</summary>
    public ReplayClock(DateTimeOffset utcNow) => SetUtcNow(utcNow);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Sets the clock (forwards or backwards).</summary>
    public void SetUtcNow(DateTimeOffset utcNow) => Interlocked.Exchange(ref _utcTicks, utcNow.UtcTicks);

    /// <summary>Moves the clock by <paramref name="by"/> and returns the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by) => new(Interlocked.Add(ref _utcTicks, by.Ticks), TimeSpan.Zero);
}
