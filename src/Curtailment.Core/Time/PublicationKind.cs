namespace Curtailment.Core.Time;

/// <summary>The families of <see cref="PublicationRule"/>.</summary>
public enum PublicationKind
{
    /// <summary>At the interval's end plus a fixed delay.</summary>
    RealTime,

    /// <summary>At a local time on the day before the interval's day.</summary>
    DayAhead,

    /// <summary>At a local time on the day after the interval's day.</summary>
    NextDay,

    /// <summary>At a local time on the interval's own day (<c>sameday@00:00</c>: known from the day's start).</summary>
    SameDay,
}
