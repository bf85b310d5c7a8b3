using System.Diagnostics;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Artifacts;
using Curtailment.Pipelines.Serving;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Forecasting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Curtailment.Pipelines.Training;

/// <summary>
/// Trains a region's model on what is known now, registers it as a candidate, and activates it only when
/// it is not worse than the active model on the most recent labelled days (the promotion gate).
/// The candidate's score there is honest: it comes from a fit that did not see those days.
/// </summary>
public sealed class TrainPipeline(
    IRegionCatalog regions,
    IObservationSnapshotSource snapshots,
    IModelStore models,
    ActiveModels activeModels,
    IOptions<TrainingOptions> options,
    ModelInputs inputs,
    TimeProvider time,
    ILogger<TrainPipeline> logger)
{
    /// <summary>Manifest metric: wall-clock seconds of the training that made the model (data read to final fit).</summary>
    public const string TrainingSecondsMetric = "training_seconds";

    /// <summary>Trains on labelled days up to <paramref name="through"/> (default: all known now).</summary>
    public async Task<TrainResult> TrainAsync(string regionId, DateOnly? through, CurtailmentModelOptions? modelOptions, CancellationToken cancellationToken)
    {
        var region = regions.Get(regionId);
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var chosen = modelOptions ?? inputs.OptionsFor(region);
        var days = Retraining.TrainingDays(region, now, ModelInputs.WindowDays(chosen, settings.WindowDays), through);
        var (windowStart, _) = DayAheadSchedule.DayBounds(region, days.First.AddDays(-FeatureBuilder.HistoryDays - 2));
        var reader = await snapshots.LoadSnapshotAsync(region.Id, FeatureBuilder.SeriesRead(region), windowStart, now.AddDays(2), cancellationToken);

        var step = await ModelInputs.TargetStepAsync(reader, region, now, cancellationToken);
        var cache = new DayFeatureCache(inputs.BuilderFor(reader, chosen), region, step);
        var (current, currentRecord) = await activeModels.GetAsync(region.Id, cancellationToken);
        var serving = currentRecord is null ? ServingModel.Baseline : new ServingModel(current, ModelManifest.Parse(currentRecord.ManifestJson), currentRecord.Version);
        var retraining = await Retraining.PrepareAsync(reader, region, cache, now, days, chosen, settings, serving, new FitCache(), cancellationToken);

        var record = await models.AddCandidateAsync(region.Id, "fasttree", version =>
        {
            // How long this training took, read by the retrain fan-out to start the longest trainings first.
            var final = retraining.TrainFinal(version, new Dictionary<string, double>
            {
                [TrainingSecondsMetric] = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2),
            });
            using var artifact = new MemoryStream();
            final.Save(artifact);
            return (final.Manifest.ToJson(), artifact.ToArray());
        }, cancellationToken);

        if (retraining.Activate)
        {
            record = await models.ActivateAsync(record.Id, cancellationToken);
        }

        logger.LogInformation("Trained {Region} {Version} on {Days} days: {Decision}, {Reason}", region.Id, record.Version, retraining.Days, retraining.Activate ? "activated" : "kept as candidate", retraining.Reason);
        return new TrainResult(record, retraining.Activate, retraining.Reason, retraining.CandidateMae, retraining.ActiveMae, retraining.BaselineMae);
    }
}
