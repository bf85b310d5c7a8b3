using Curtailment.Host.Errors;
using Curtailment.Host.Jobs;

namespace Curtailment.Host.Live;

/// <summary>
/// Moves the virtual clock forward through the <see cref="JobSchedule"/>: every occurrence in (clock, to] in time order
/// (at one instant in <see cref="JobKind"/> order), the clock set to each occurrence before it runs, the job class
/// resolved from a fresh scope and invoked as a Hangfire worker would, one at a time. A failing occurrence is reported
/// and the others still run. One advance at a time.
/// </summary>
public sealed class VirtualScheduleRunner(
    VirtualClock clock,
    JobSchedule schedule,
    IServiceScopeFactory scopes,
    ScheduleRunLog log,
    ILogger<VirtualScheduleRunner> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs the occurrences up to <paramref name="to"/> and leaves the clock there.</summary>
    /// <exception cref="RequestValidationException"><paramref name="to"/> is not after the clock's time.</exception>
    public async Task<ClockAdvanceResult> AdvanceAsync(DateTimeOffset to, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var from = clock.GetUtcNow();
            to = to.ToUniversalTime();
            if (to <= from)
            {
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    ["to"] = [$"'{to:O}' is not after the virtual clock's time {from:O}; the clock moves only forward."],
                });
            }

            var mark = log.LastSequence;
            var occurrences = schedule.Occurrences(from, to);
            var failures = new List<ScheduleFailure>();
            logger.LogInformation("Virtual clock advancing from {From} to {To}: {Count} occurrences", from, to, occurrences.Count);
            foreach (var occurrence in occurrences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.MoveTo(occurrence.At);
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    await occurrence.Job.InvokeAsync(scope.ServiceProvider, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Hangfire would log the failure and retry the job later; the replay goes on with the next occurrence.
                    failures.Add(new ScheduleFailure(occurrence.Job.Id, occurrence.At, e.Message));
                    logger.LogWarning("Virtual clock: {Job} at {At} failed: {Problem}", occurrence.Job.Id, occurrence.At, e.Message);
                }
            }

            clock.MoveTo(to);
            var steps = log.After(mark);
            // A failing step inside a forecast cycle (one feed) does not fail the cycle: report it too.
            var cycleFailures = steps
                .Where(s => s.Outcome == ScheduleStepOutcome.Failed && !failures.Any(f => f.JobId == s.JobId && f.At == s.At))
                .Select(s => new ScheduleFailure(s.JobId, s.At, s.Message ?? "failed"));
            return new ClockAdvanceResult(from, to, occurrences.Count, steps, [.. failures.Concat(cycleFailures).OrderBy(f => f.At)]);
        }
        finally
        {
            _gate.Release();
        }
    }
}
