using Curtailment.Core.Forecasts;
using Curtailment.Host.Observability;
using Curtailment.Host.Options;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Jobs;

/// <summary>Deletes forecast vintages older than <see cref="JobsOptions.KeepForecastDays"/>; running it twice deletes nothing more.</summary>
public sealed class CleanupJob(IForecastStore store, IOptions<JobsOptions> options, TimeProvider time, CurtailmentMetrics metrics, ILogger<CleanupJob> logger)
{
    /// <summary>Runs the cleanup; returns the number of vintages deleted.</summary>
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.KeepForecastDays);
        var deleted = await store.DeleteForecastsIssuedBeforeAsync(cutoff, cancellationToken);
        metrics.JobRun("cleanup", succeeded: true);
        logger.LogInformation("Cleanup deleted {Count} forecast vintages issued before {Cutoff}", deleted, cutoff);
        return deleted;
    }
}
