using Hangfire;

namespace Curtailment.Host.Jobs;

/// <summary>
/// What the recurring jobs of the <see cref="JobSchedule"/> run, holding the order rule for one instant in one place
/// (ADR 0012): at a region's forecast instant its forecast cycle refreshes every feed of the region, then retrains when
/// the retrain is due at that same instant, then issues the forecast. The region's own ingest and retrain jobs step aside
/// at that instant, so nothing races the cycle. The instant of a run is the clock's time to the minute.
/// </summary>
public sealed class RegionCycleJob(
    JobSchedule schedule,
    IngestJob ingest,
    RetrainJob retrain,
    ForecastJob forecast,
    ScheduleRunLog log,
    TimeProvider time,
    ILogger<RegionCycleJob> logger)
{
    /// <summary>Runs the ingest of source <paramref name="sourceName"/>, unless its region's forecast cycle runs it now.</summary>
    [Queue(JobQueues.Ingest)]
    [AutomaticRetry(Attempts = 5)]
    public async Task IngestAsync(string sourceName, CancellationToken cancellationToken)
    {
        var id = JobIds.Ingest(sourceName);
        var region = schedule.Find(id)?.Region;
        if (StepsAside(id, region))
        {
            return;
        }

        await StepAsync(id, () => ingest.RunAsync(sourceName, cancellationToken));
    }

    /// <summary>Retrains <paramref name="region"/>, unless its forecast cycle runs the retrain now.</summary>
    [Queue(JobQueues.Train)]
    [AutomaticRetry(Attempts = 1)]
    public async Task RetrainAsync(string region, CancellationToken cancellationToken)
    {
        var id = JobIds.Retrain(region);
        if (StepsAside(id, region))
        {
            return;
        }

        await StepAsync(id, () => retrain.RunAsync(region, cancellationToken));
    }

    /// <summary>
    /// The region's forecast cycle: every ingest of the region (a failing feed is logged and the others still run), the
    /// retrain when it is due at this instant (a failed retrain leaves the serving model), then the forecast.
    /// </summary>
    [Queue(JobQueues.Forecast)]
    [AutomaticRetry(Attempts = 3)]
    public async Task ForecastAsync(string region, CancellationToken cancellationToken)
    {
        var instant = JobSchedule.InstantOf(time.GetUtcNow());
        foreach (var source in schedule.IngestsOf(region))
        {
            var name = JobIds.IngestSource(source.Id)!;
            await TryStepAsync(source.Id, () => ingest.RunAsync(name, cancellationToken), cancellationToken);
        }

        if (schedule.RetrainFiresAt(region, instant))
        {
            await TryStepAsync(JobIds.Retrain(region), () => retrain.RunAsync(region, cancellationToken), cancellationToken);
        }

        await StepAsync(JobIds.Forecast(region), () => forecast.RunAsync(region, cancellationToken));
    }

    private bool StepsAside(string id, string? region)
    {
        var now = time.GetUtcNow();
        if (region is null || !schedule.ForecastFiresAt(region, JobSchedule.InstantOf(now)))
        {
            return false;
        }

        log.Record(id, now, ScheduleStepOutcome.SteppedAside, $"runs in {JobIds.Forecast(region)} at this instant");
        logger.LogInformation("{Job} steps aside at {Instant}: {Cycle} runs it in order", id, now, JobIds.Forecast(region));
        return true;
    }

    private async Task StepAsync(string id, Func<Task> step)
    {
        var at = time.GetUtcNow();
        try
        {
            await step();
        }
        catch (Exception e)
        {
            log.Record(id, at, ScheduleStepOutcome.Failed, e.Message);
            throw;
        }

        log.Record(id, at, ScheduleStepOutcome.Succeeded);
    }

    /// <summary>A step of the cycle whose failure does not stop the cycle (Hangfire retrying the whole cycle would repeat the others).</summary>
    private async Task TryStepAsync(string id, Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await StepAsync(id, step);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Job} failed in the forecast cycle; the cycle goes on: {Problem}", id, e.Message);
        }
    }
}
