namespace Curtailment.Host.Jobs;

/// <summary>One occurrence of a scheduled job: the instant (UTC) and the job.</summary>
/// <param name="At">When the job fires.</param>
/// <param name="Job">The job.</param>
public sealed record ScheduledOccurrence(DateTimeOffset At, ScheduledJob Job);
