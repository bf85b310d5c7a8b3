using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Regions;
using Curtailment.Models.Artifacts;
using Curtailment.Pipelines.Training;
using Hangfire;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Fans a retrain out: one <see cref="RetrainJob"/> per region on the <c>train</c> queue, so that several workers
/// train regions in parallel. Triggered as <c>retrain-all</c>.
/// </summary>
/// <remarks>
/// The jobs are enqueued longest first, by the training time recorded in each region's newest model (regions never
/// trained, whose cost is unknown, first of all). Workers take jobs in that order, so the last job to start is a
/// short one and the workers finish close together: with regions in catalog order, the two longest trainings could
/// land on one worker one after the other while the other worker sat idle.
/// </remarks>
public sealed class RetrainAllJob(IBackgroundJobClient jobs, IRegionCatalog regions, IModelStore models, ILogger<RetrainAllJob> logger)
{
    /// <summary>Enqueues the per-region jobs, longest training first; returns their Hangfire ids in that order.</summary>
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var costs = new List<(Region Region, double? Seconds)>();
        foreach (var region in regions.All)
        {
            costs.Add((region, await LastTrainingSecondsAsync(region.Id, cancellationToken)));
        }

        var longestFirst = costs.OrderByDescending(c => c.Seconds ?? double.PositiveInfinity).ToList();
        var ids = new List<string>();
        foreach (var (region, _) in longestFirst)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = region.Id;
            ids.Add(jobs.Create<RetrainJob>(job => job.RunAsync(id, CancellationToken.None), new Hangfire.States.EnqueuedState(JobQueues.Train)));
        }

        logger.LogInformation("Retrain fan-out enqueued {Count} region jobs on queue {Queue}, longest first: {Order}",
            ids.Count, JobQueues.Train, string.Join(", ", longestFirst.Select(c => $"{c.Region.Id} ({(c.Seconds is { } s ? $"{s:F1} s" : "never timed")})")));
        return ids;
    }

    /// <summary>The training time recorded in the region's newest model, or null when there is none.</summary>
    private async Task<double?> LastTrainingSecondsAsync(string region, CancellationToken cancellationToken)
    {
        var newest = (await models.ListModelsAsync(region, cancellationToken)).MaxBy(m => m.Id);
        if (newest is null)
        {
            return null;
        }

        return ModelManifest.TryParse(newest.ManifestJson)?.Metrics.TryGetValue(TrainPipeline.TrainingSecondsMetric, out var seconds) == true
            ? seconds
            : null;
    }
}
