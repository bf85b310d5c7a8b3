namespace Curtailment.Host.Jobs;

/// <summary>How one step of a scheduled run ended.</summary>
public enum ScheduleStepOutcome
{
    /// <summary>The job ran to the end.</summary>
    Succeeded,

    /// <summary>The job threw; the message says why.</summary>
    Failed,

    /// <summary>Not run on its own: its region's forecast cycle runs it at this instant, in order.</summary>
    SteppedAside,
}
