using System.Diagnostics;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Artifacts;
using Curtailment.Models.Baselines;
using Curtailment.Models.Forecasting;
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
        var today = Core.Time.LocalClock.LocalDate(now, region.TimeZone);
        var lastDay = through is { } t && t < today ? t : today.AddDays(-1);
        var chosen = modelOptions ?? inputs.OptionsFor(region);
        var firstDay = lastDay.AddDays(-ModelInputs.WindowDays(chosen, settings.WindowDays) + 1);
        var (windowStart, _) = DayAheadSchedule.DayBounds(region, firstDay.AddDays(-FeatureBuilder.HistoryDays - 2));
        var reader = await snapshots.LoadSnapshotAsync(region.Id, FeatureBuilder.SeriesRead(region), windowStart, now.AddDays(2), cancellationToken);

        var step = await ModelInputs.TargetStepAsync(reader, region, now, cancellationToken);
        var cache = new DayFeatureCache(inputs.BuilderFor(reader, chosen), region, step);
        var data = await TrainingData.BuildAsync(reader, region, cache, firstDay, lastDay, now, cancellationToken);
        var days = data.Days;
        if (days.Count < CurtailmentModelTrainer.MinimumTrainingDays + settings.EvaluationDays / 2)
        {
            throw new InsufficientHistoryException(region.Id, days.Count, CurtailmentModelTrainer.MinimumTrainingDays + (settings.EvaluationDays / 2));
        }

        var evaluationDays = Math.Min(settings.EvaluationDays, days.Count - CurtailmentModelTrainer.MinimumTrainingDays);
        var firstEvaluationDay = days[^evaluationDays];
        var evaluation = days.Where(d => d >= firstEvaluationDay).ToList();

        // The gate's honest score: the same method fitted without the evaluation days. Its last fits are
        // the final model's first held-out block fits (the same rows), so they are made once.
        var fits = new FitCache();
        var probe = CurtailmentModelTrainer.Train(region, data.Where(d => d < firstEvaluationDay), chosen, "probe", fits);
        var candidateMae = await MaeAsync(probe, cache, reader, region, evaluation, now, cancellationToken);
        var baselineMae = await MaeAsync(BaselineForecaster.WeekProfile, cache, reader, region, evaluation, now, cancellationToken);
        var (current, currentRecord) = await activeModels.GetAsync(region.Id, cancellationToken);
        var gate = await CompareWithActiveAsync(current, currentRecord, probe, cache, reader, region, evaluation, now, candidateMae / baselineMae, cancellationToken);
        var activeMae = gate?.ActiveMae;

        var metrics = new Dictionary<string, double>
        {
            ["mae_recent_mw"] = candidateMae,
            ["mae_recent_week_profile_mw"] = baselineMae,
            ["evaluation_days"] = evaluation.Count,
        };
        var record = await models.AddCandidateAsync(region.Id, "fasttree", version =>
        {
            var final = CurtailmentModelTrainer.Train(region, data, chosen, version, fits);
            // How long this training took, read by the retrain fan-out to start the longest trainings first.
            metrics[TrainingSecondsMetric] = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2);
            final = final.WithMetrics(metrics);
            using var artifact = new MemoryStream();
            final.Save(artifact);
            return (final.Manifest.ToJson(), artifact.ToArray());
        }, cancellationToken);

        var activate = gate is null || gate.Value.Candidate <= gate.Value.Active * (1 + settings.PromotionTolerance);
        var reason = gate is null
            ? $"no active model; candidate MAE {candidateMae:F1} MW on the last {evaluation.Count} days (week profile {baselineMae:F1} MW)"
            : $"{gate.Value.Basis}: candidate {gate.Value.Candidate:F3} vs active {currentRecord!.Version} {gate.Value.Active:F3} (tolerance {settings.PromotionTolerance:P0})";
        if (activate)
        {
            record = await models.ActivateAsync(record.Id, cancellationToken);
        }

        logger.LogInformation("Trained {Region} {Version} on {Days} days: {Decision}, {Reason}", region.Id, record.Version, days.Count, activate ? "activated" : "kept as candidate", reason);
        return new TrainResult(record, activate, reason, candidateMae, activeMae, baselineMae);
    }

    /// <summary>
    /// Compares candidate and active model fairly. On evaluation days after the active model's training
    /// range both are out of sample, so their MAEs compare directly. Without enough such days, the
    /// honest scores recorded at training time are compared relative to the week-profile baseline of
    /// their own windows (an active model scored on days it was trained on would always look better).
    /// </summary>
    private static async Task<(double Candidate, double Active, double? ActiveMae, string Basis)?> CompareWithActiveAsync(
        ICurtailmentForecaster active, ModelRecord? record, ICurtailmentForecaster probe, DayFeatureCache cache, IObservationReader reader,
        Region region, IReadOnlyList<DateOnly> evaluation, DateTimeOffset now, double candidateRelative, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return null;
        }

        var manifest = ModelManifest.Parse(record.ManifestJson);
        var unseen = evaluation.Where(d => d > manifest.TrainingTo).ToList();
        if (unseen.Count >= 7)
        {
            var candidate = await MaeAsync(probe, cache, reader, region, unseen, now, cancellationToken);
            var current = await MaeAsync(active, cache, reader, region, unseen, now, cancellationToken);
            return (candidate, current, current, $"MAE in MW on {unseen.Count} days neither model was trained on");
        }

        var activeRelative = manifest.Metrics.TryGetValue("mae_recent_mw", out var mae) && manifest.Metrics.TryGetValue("mae_recent_week_profile_mw", out var baseline) && baseline > 0
            ? mae / baseline
            : double.PositiveInfinity;
        return (candidateRelative, activeRelative, null, "MAE relative to the week profile, each on its own held-out days");
    }

    private static async Task<double> MaeAsync(ICurtailmentForecaster forecaster, DayFeatureCache cache, IObservationReader reader, Region region, IReadOnlyList<DateOnly> days, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        double sum = 0;
        var count = 0;
        foreach (var day in days)
        {
            var features = await cache.GetAsync(day, cancellationToken);
            var (start, end) = DayAheadSchedule.DayBounds(region, day);
            var actual = await reader.ReadDenseAsync(new ObservationQuery(region.Id, region.Target.Series, start, end, asOf), cache.Step, cancellationToken);
            var forecast = forecaster.Predict(features);
            for (var i = 0; i < forecast.Count && i < actual.Values.Length; i++)
            {
                if (!double.IsNaN(actual.Values[i]))
                {
                    sum += Math.Abs(actual.Values[i] - forecast[i].PredictedMw);
                    count++;
                }
            }
        }

        return count > 0 ? sum / count : double.NaN;
    }
}
