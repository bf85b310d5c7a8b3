using Curtailment.Host.Observability;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Training;
using Hangfire;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Retrains a region's model; the promotion gate decides whether it serves. Too little history is not a
/// failure (the region stays on what serves it now). One retry only: training is long and deterministic.
/// </summary>
public sealed class RetrainJob(
    TrainPipeline pipeline,
    IRegionJobLock regionLock,
    CurtailmentMetrics metrics,
    ILogger<RetrainJob> logger)
{
    /// <summary>Runs the job for one region; null when there was too little history or another worker is retraining the region.</summary>
    [Queue(JobQueues.Train)]
    [AutomaticRetry(Attempts = 1)]
    public async Task<TrainResult?> RunAsync(string region, CancellationToken cancellationToken)
    {
        // The second guard behind the registry's idempotent writes: a region is trained by one worker at a time.
        await using var held = await regionLock.TryAcquireAsync(JobIds.Retrain(region), cancellationToken);
        if (held is null)
        {
            metrics.JobRun("retrain", succeeded: true);
            logger.LogInformation("Retrain of {Region} skipped: another worker is retraining it now", region);
            return null;
        }

        try
        {
            var result = await pipeline.TrainAsync(region, null, null, cancellationToken);
            metrics.JobRun("retrain", succeeded: true);
            return result;
        }
        catch (InsufficientHistoryException e)
        {
            metrics.JobRun("retrain", succeeded: true);
            logger.LogWarning("Retrain of {Region} skipped: {Reason}", region, e.Message);
            return null;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.JobRun("retrain", succeeded: false);
            throw;
        }
    }
}
