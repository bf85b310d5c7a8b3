namespace Curtailment.Host.Jobs;

/// <summary>One step a scheduled run took (or stepped aside from), as recorded in the <see cref="ScheduleRunLog"/>.</summary>
/// <param name="Sequence">Position in the log, from 1.</param>
/// <param name="JobId">The job the step ran (<c>ingest:caiso-outlook-demand</c>, <c>retrain:CAISO</c>, <c>forecast:CAISO</c>).</param>
/// <param name="At">The clock's time when the step started (UTC).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">Why it failed or stepped aside; null when it succeeded.</param>
public sealed record ScheduleStep(long Sequence, string JobId, DateTimeOffset At, ScheduleStepOutcome Outcome, string? Message);
