namespace Curtailment.Contracts;

/// <summary>A job run that was enqueued.</summary>
/// <param name="Job">Recurring job id.</param>
/// <param name="JobId">Hangfire's id of the run (see the dashboard).</param>
public sealed record JobTriggerResponse(string Job, string JobId);
