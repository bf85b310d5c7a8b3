using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Models.Baselines;
using Curtailment.Models.Forecasting;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Forecasting;

namespace Curtailment.Pipelines.Training;

/// <summary>
/// One retrain at an instant, the same in the service (<see cref="TrainPipeline"/>) and in a backtest that replays the
/// service's schedule: the training days, the candidate's honest score on the most recent labelled days (a probe fit
/// that did not see them), the promotion gate against the model serving now, and the final fit on every day.
/// </summary>
public sealed class Retraining
{
    /// <summary>Manifest metric: the candidate's MAE on the evaluation days, from the probe fit that did not see them.</summary>
    public const string RecentMaeMetric = "mae_recent_mw";

    /// <summary>Manifest metric: the week profile's MAE on the same days.</summary>
    public const string RecentBaselineMaeMetric = "mae_recent_week_profile_mw";

    private readonly Region _region;
    private readonly TrainingSet _data;
    private readonly CurtailmentModelOptions _options;
    private readonly FitCache _fits;

    private Retraining(Region region, TrainingSet data, CurtailmentModelOptions options, FitCache fits)
    {
        _region = region;
        _data = data;
        _options = options;
        _fits = fits;
    }

    /// <summary>Labelled days the model is trained on.</summary>
    public int Days => _data.Days.Count;

    /// <summary>Whether the candidate replaces the serving model.</summary>
    public bool Activate { get; private init; }

    /// <summary>The gate's decision in words.</summary>
    public string Reason { get; private init; } = "";

    /// <summary>The candidate's MAE (MW) on the evaluation days.</summary>
    public double CandidateMae { get; private init; }

    /// <summary>The serving model's MAE (MW) on evaluation days neither model was trained on, when there were enough.</summary>
    public double? ActiveMae { get; private init; }

    /// <summary>The week profile's MAE (MW) on the evaluation days.</summary>
    public double BaselineMae { get; private init; }

    /// <summary>What the manifest records of the gate's evaluation.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; private init; } = new Dictionary<string, double>();

    /// <summary>
    /// The local days a model trained at <paramref name="trainedAt"/> learns from: the <paramref name="windowDays"/> days
    /// ending on the local day of the training (whose target is not known yet, so it drops out), or ending on
    /// <paramref name="through"/> when that is earlier.
    /// </summary>
    public static (DateOnly First, DateOnly Last) TrainingDays(Region region, DateTimeOffset trainedAt, int windowDays, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        var today = LocalClock.LocalDate(trainedAt, region.TimeZone);
        var last = through is { } t && t < today ? t : today;
        return (last.AddDays(1 - windowDays), last);
    }

    /// <summary>
    /// Reads the training set as known at <paramref name="now"/>, scores a probe fit on the most recent
    /// <see cref="TrainingOptions.EvaluationDays"/>, and decides whether it would replace <paramref name="serving"/>.
    /// Throws <see cref="InsufficientHistoryException"/> when too few days are labelled.
    /// </summary>
    public static async Task<Retraining> PrepareAsync(
        IObservationReader reader, Region region, DayFeatureCache cache, DateTimeOffset now, (DateOnly First, DateOnly Last) days,
        CurtailmentModelOptions options, TrainingOptions settings, ServingModel serving, FitCache fits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serving);
        var data = await TrainingData.BuildAsync(reader, region, cache, days.First, days.Last, now, cancellationToken);
        var labelled = data.Days;
        var needed = CurtailmentModelTrainer.MinimumTrainingDays + (settings.EvaluationDays / 2);
        if (labelled.Count < needed)
        {
            throw new InsufficientHistoryException(region.Id, labelled.Count, needed);
        }

        var evaluationDays = Math.Min(settings.EvaluationDays, labelled.Count - CurtailmentModelTrainer.MinimumTrainingDays);
        var firstEvaluationDay = labelled[^evaluationDays];
        var evaluation = labelled.Where(d => d >= firstEvaluationDay).ToList();

        // The gate's honest score: the same method fitted without the evaluation days. Its last fits are
        // the final model's first held-out block fits (the same rows), so they are made once.
        var probe = CurtailmentModelTrainer.Train(region, data.Where(d => d < firstEvaluationDay), options, "probe", fits);
        var candidateMae = await MaeAsync(probe, cache, reader, region, evaluation, now, cancellationToken);
        var baselineMae = await MaeAsync(BaselineForecaster.WeekProfile, cache, reader, region, evaluation, now, cancellationToken);
        var gate = await CompareWithServingAsync(serving, probe, cache, reader, region, evaluation, now, candidateMae / baselineMae, cancellationToken);
        var activate = gate is null || gate.Value.Candidate <= gate.Value.Active * (1 + settings.PromotionTolerance);
        return new Retraining(region, data, options, fits)
        {
            Activate = activate,
            Reason = gate is null
                ? $"no active model; candidate MAE {candidateMae:F1} MW on the last {evaluation.Count} days (week profile {baselineMae:F1} MW)"
                : $"{gate.Value.Basis}: candidate {gate.Value.Candidate:F3} vs active {serving.Version} {gate.Value.Active:F3} (tolerance {settings.PromotionTolerance:P0})",
            CandidateMae = candidateMae,
            ActiveMae = gate?.ActiveMae,
            BaselineMae = baselineMae,
            Metrics = new Dictionary<string, double>
            {
                [RecentMaeMetric] = candidateMae,
                [RecentBaselineMaeMetric] = baselineMae,
                ["evaluation_days"] = evaluation.Count,
            },
        };
    }

    /// <summary>The final fit on every labelled day, with the evaluation recorded in its manifest (and <paramref name="extraMetrics"/>).</summary>
    public CurtailmentModel TrainFinal(string version, IReadOnlyDictionary<string, double>? extraMetrics = null)
    {
        var model = CurtailmentModelTrainer.Train(_region, _data, _options, version, _fits);
        var metrics = new Dictionary<string, double>(Metrics);
        foreach (var (name, value) in extraMetrics ?? new Dictionary<string, double>())
        {
            metrics[name] = value;
        }

        return model.WithMetrics(metrics);
    }

    /// <summary>
    /// Compares candidate and serving model fairly. On evaluation days after the serving model's training
    /// range both are out of sample, so their MAEs compare directly. Without enough such days, the
    /// honest scores recorded at training time are compared relative to the week-profile baseline of
    /// their own windows (a serving model scored on days it was trained on would always look better).
    /// </summary>
    private static async Task<(double Candidate, double Active, double? ActiveMae, string Basis)?> CompareWithServingAsync(
        ServingModel serving, ICurtailmentForecaster probe, DayFeatureCache cache, IObservationReader reader,
        Region region, IReadOnlyList<DateOnly> evaluation, DateTimeOffset now, double candidateRelative, CancellationToken cancellationToken)
    {
        if (serving.Manifest is not { } manifest)
        {
            return null;
        }

        var unseen = evaluation.Where(d => d > manifest.TrainingTo).ToList();
        if (unseen.Count >= 7)
        {
            var candidate = await MaeAsync(probe, cache, reader, region, unseen, now, cancellationToken);
            var current = await MaeAsync(serving.Forecaster, cache, reader, region, unseen, now, cancellationToken);
            return (candidate, current, current, $"MAE in MW on {unseen.Count} days neither model was trained on");
        }

        var activeRelative = manifest.Metrics.TryGetValue(RecentMaeMetric, out var mae) && manifest.Metrics.TryGetValue(RecentBaselineMaeMetric, out var baseline) && baseline > 0
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
