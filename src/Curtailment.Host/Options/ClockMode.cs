namespace Curtailment.Host.Options;

/// <summary>Which clock drives the host (<c>Curtailment:Clock:Mode</c>).</summary>
public enum ClockMode
{
    /// <summary>The system clock; Hangfire fires the recurring jobs.</summary>
    System,

    /// <summary>
    /// A settable clock for replays and tests: Hangfire fires nothing on its own, and
    /// <c>POST /api/v1/admin/clock/advance</c> runs the schedule's occurrences up to a chosen instant.
    /// </summary>
    Virtual,
}
