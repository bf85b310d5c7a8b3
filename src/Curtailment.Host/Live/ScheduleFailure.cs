namespace Curtailment.Host.Live;

/// <summary>A scheduled job (or a step of a forecast cycle) that failed during an advance of the virtual clock.</summary>
/// <param name="JobId">The job (<c>ingest:caiso-renewables-report</c>).</param>
/// <param name="At">The occurrence instant (UTC).</param>
/// <param name="Message">Why it failed.</param>
public sealed record ScheduleFailure(string JobId, DateTimeOffset At, string Message);
