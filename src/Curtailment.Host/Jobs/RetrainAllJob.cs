using Curtailment.Core.Regions;
using Hangfire;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Fans a retrain out: one <see cref="RetrainJob"/> per region on the <c>train</c> queue, so that several workers
/// train regions in parallel. Triggered as <c>retrain-all</c>.
/// </summary>
public sealed class RetrainAllJob(IBackgroundJobClient jobs, IRegionCatalog regions, ILogger<RetrainAllJob> logger)
{
    /// <summary>Enqueues the per-region jobs; returns their Hangfire ids.</summary>
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    public Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var region in regions.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = region.Id;
            ids.Add(jobs.Create<RetrainJob>(job => job.RunAsync(id, CancellationToken.None), new Hangfire.States.EnqueuedState(JobQueues.Train)));
        }

        logger.LogInformation("Retrain fan-out enqueued {Count} region jobs on queue {Queue}", ids.Count, JobQueues.Train);
        return Task.FromResult<IReadOnlyList<string>>(ids);
    }
}
