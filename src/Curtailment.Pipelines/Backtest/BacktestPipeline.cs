using System.Diagnostics;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Baselines;
using Curtailment.Models.Evaluation;
using Curtailment.Models.Forecasting;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Scheduling;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Curtailment.Pipelines.Backtest;

/// <summary>
/// The protocol's rolling backtest: for each target day D, a forecast issued at 10:00 local on D-1 from
/// features read as of that instant, by a model trained (every N days) only on what was known at its
/// own training time. The same features feed the baselines, so every forecaster sees the same cut.
/// </summary>
/// <param name="regions">Region catalog.</param>
/// <param name="snapshots">Loads the in-memory snapshot the as-of reads come from.</param>
/// <param name="logger">Logger.</param>
/// <param name="inputs">What the model is fed (options, target step, feature builder), as in training and serving.</param>
/// <param name="training">The service's training window and promotion gate, followed when the request gives a retrain cron.</param>
public sealed partial class BacktestPipeline(
    IRegionCatalog regions, IObservationSnapshotSource snapshots, ILogger<BacktestPipeline> logger, ModelInputs inputs, IOptions<TrainingOptions> training)
{
    /// <summary>Runs the backtest; <paramref name="progress"/> reports target days done.</summary>
    public async Task<BacktestResult> RunAsync(BacktestRequest request, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var region = regions.Get(request.RegionId);
        Validate(request);
        var options = request.Options ?? inputs.OptionsFor(region);
        var schedule = Schedule(request, region);
        request = request with
        {
            TrainingWindowDays = ModelInputs.WindowDays(options, schedule is null ? request.TrainingWindowDays : training.Value.WindowDays),
        };
        var (reader, step, cache) = await PrepareAsync(region, request, options, cancellationToken);
        var notes = new List<string>();
        var targetDays = Days(request.From, request.To).ToList();
        var total = Stopwatch.StartNew();
        var issued = new IssuedForecasts();
        IBacktestModels models = schedule is null
            ? new EveryNDays(reader, region, request, options, cache, issued.Fits, notes)
            : new AsTheService(reader, region, options, training.Value, request.TrainingWindowDays, cache, schedule, issued.Fits, notes);
        await ForecastDaysAsync(models, region, cache, targetDays, issued, progress, cancellationToken);
        var (scoredRows, scoredBaselines, metrics) = await ScoreAsync(reader, region, request, step, issued, cancellationToken);

        var unknownDays = targetDays.Count(day => scoredRows.Where(r => r.Day == day).All(r => double.IsNaN(r.Actual)));
        if (unknownDays > 0)
        {
            notes.Add($"{unknownDays} target day(s) have no published actuals and are not scored.");
        }

        logger.LogInformation("Backtest {Region} {From}..{To}: MAE {Mae:F1} MW, capture {Capture:F3}", region.Id, request.From, request.To, metrics["model"].MaeMw, metrics["model"].SchedulerCapture);
        return new BacktestResult(region.Id, region.TimeZoneId, step, scoredRows, scoredBaselines, metrics, notes)
        {
            Timings = new BacktestTimings(
                total.Elapsed.TotalSeconds, issued.Trainings, issued.TrainingTime.TotalSeconds, issued.FeatureTime.TotalMilliseconds / targetDays.Count, issued.Fits.Misses, issued.Fits.Hits),
        };
    }

    private static CronSchedule? Schedule(BacktestRequest request, Region region)
    {
        try
        {
            return request.RetrainCron is { } cron ? CronSchedule.Parse(cron, region.TimeZone) : null;
        }
        catch (FormatException e)
        {
            throw new BacktestException($"--retrain-cron: {e.Message}");
        }
    }

    private static void Validate(BacktestRequest request)
    {
        if (request.To < request.From)
        {
            throw new BacktestException($"--to {request.To:yyyy-MM-dd} is before --from {request.From:yyyy-MM-dd}.");
        }

        if (request.RetrainEveryDays < 1)
        {
            throw new BacktestException("--retrain-every must be at least one day.");
        }
    }

    /// <summary>The snapshot every as-of read of the run comes from, the target's step and the per-day feature cache over it.</summary>
    private async Task<(IObservationReader Reader, TimeSpan Step, DayFeatureCache Cache)> PrepareAsync(
        Region region, BacktestRequest request, CurtailmentModelOptions options, CancellationToken cancellationToken)
    {
        // One in-memory snapshot serves the thousands of as-of reads; it applies the cut on every read.
        var (windowStart, _) = DayAheadSchedule.DayBounds(region, request.From.AddDays(-request.TrainingWindowDays - FeatureBuilder.HistoryDays - 2));
        var (_, windowEnd) = DayAheadSchedule.DayBounds(region, request.To.AddDays(1));
        var reader = await snapshots.LoadSnapshotAsync(region.Id, FeatureBuilder.SeriesRead(region), windowStart, windowEnd, cancellationToken);
        var step = await TargetResolutionAsync(reader, region, DayAheadSchedule.IssueTime(region, request.From), cancellationToken);
        var cache = new DayFeatureCache(inputs.BuilderFor(reader, options), region, step);
        return (reader, step, cache);
    }

    /// <summary>Each target day forecast at its issue time by the model serving then and by the baselines.</summary>
    private static async Task ForecastDaysAsync(
        IBacktestModels models, Region region, DayFeatureCache cache, List<DateOnly> targetDays, IssuedForecasts issued,
        IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        for (var d = 0; d < targetDays.Count; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = targetDays[d];
            var issuedAt = DayAheadSchedule.IssueTime(region, day);
            var trainingStarted = Stopwatch.GetTimestamp();
            var (model, trainings) = await models.ServingAsync(day, issuedAt, cancellationToken);
            if (trainings > 0)
            {
                issued.TrainingTime += Stopwatch.GetElapsedTime(trainingStarted);
                issued.Trainings += trainings;
            }

            // A target day is never a training day before its own forecast, so this is its first (timed) build.
            var featuresStarted = Stopwatch.GetTimestamp();
            var features = await cache.GetAsync(day, cancellationToken);
            issued.FeatureTime += Stopwatch.GetElapsedTime(featuresStarted);
            var climatology = features.Column("hist_28d_event_freq");
            Add(issued.Rows, model.Predict(features), day, issuedAt, model.Name, climatology);
            foreach (var baseline in BaselineForecaster.All)
            {
                Add(issued.Baselines[baseline.Name], baseline.Predict(features), day, issuedAt, baseline.Name, climatology);
            }

            progress?.Report((d + 1, targetDays.Count));
        }
    }

    /// <summary>Every forecaster scored against the actuals as finally published, with MAE skill against the best baseline.</summary>
    private static async Task<(List<BacktestRow> Rows, Dictionary<string, IReadOnlyList<BacktestRow>> Baselines, Dictionary<string, ForecastMetrics> Metrics)> ScoreAsync(
        IObservationReader reader, Region region, BacktestRequest request, TimeSpan step, IssuedForecasts issued, CancellationToken cancellationToken)
    {
        var (start, _) = DayAheadSchedule.DayBounds(region, request.From);
        var (_, end) = DayAheadSchedule.DayBounds(region, request.To);
        // Scoring happens after the fact, so the actuals are read as finally published.
        var actuals = await reader.ReadDenseAsync(new ObservationQuery(region.Id, region.Target.Series, start, end, DateTimeOffset.MaxValue), step, cancellationToken);
        if (actuals.KnownCount == 0)
        {
            throw new BacktestException($"Region {region.Id} has no {region.Target.Series} data between {request.From:yyyy-MM-dd} and {request.To:yyyy-MM-dd} to score against.");
        }

        var scoredRows = WithActuals(issued.Rows, actuals);
        var scoredBaselines = issued.Baselines.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<BacktestRow>)WithActuals(kv.Value, actuals));
        var metrics = new Dictionary<string, ForecastMetrics> { ["model"] = Score(scoredRows, region, step) };
        foreach (var (name, baseline) in scoredBaselines)
        {
            metrics[name] = Score(baseline, region, step);
        }

        var bestBaselineMae = BaselineForecaster.All.Min(b => metrics[b.Name].MaeMw);
        foreach (var name in metrics.Keys.ToList())
        {
            metrics[name] = metrics[name] with { MaeSkill = bestBaselineMae > 0 ? 1 - (metrics[name].MaeMw / bestBaselineMae) : double.NaN };
        }

        return (scoredRows, scoredBaselines, metrics);
    }

    /// <summary>The target's step known at the first issue time (see <see cref="ModelInputs"/>); a backtest without history is refused.</summary>
    private static async Task<TimeSpan> TargetResolutionAsync(IObservationReader reader, Region region, DateTimeOffset firstIssue, CancellationToken cancellationToken) =>
        await ModelInputs.KnownTargetStepAsync(reader, region, firstIssue, cancellationToken)
        ?? throw new BacktestException(
            $"Region {region.Id} has no {region.Target.Series} published before {firstIssue:yyyy-MM-ddTHH:mm:ssK}; import at least {CurtailmentModelTrainer.MinimumTrainingDays} days of history before the first target day.");

    private static void Add(List<BacktestRow> rows, IReadOnlyList<IntervalForecast> forecasts, DateOnly day, DateTimeOffset issuedAt, string name, Microsoft.Data.Analysis.SingleDataFrameColumn climatology)
    {
        for (var i = 0; i < forecasts.Count; i++)
        {
            rows.Add(new BacktestRow(day, issuedAt, forecasts[i], name, double.NaN, climatology[i] ?? 0));
        }
    }

    private static List<BacktestRow> WithActuals(List<BacktestRow> rows, DenseSeries actuals) =>
        rows.Select(r => r with { Actual = ValueAt(actuals, r.Forecast.IntervalStart) }).ToList();

    private static double ValueAt(DenseSeries series, DateTimeOffset at)
    {
        var index = (long)((at - series.Start) / series.Step);
        return index >= 0 && index < series.Values.Length ? series.Values[index] : double.NaN;
    }

    private static ForecastMetrics Score(IReadOnlyList<BacktestRow> rows, Region region, TimeSpan step) =>
        MetricsCalculator.Compute(
            rows.Where(r => !double.IsNaN(r.Actual))
                .Select(r => new ScoredInterval(r.Day, r.Forecast.IntervalStart, r.Actual, r.Forecast.PredictedMw, r.Forecast.EventProbability, r.Forecast.LowerMw, r.Forecast.UpperMw, r.Climatology))
                .ToList(),
            region.Target.IsEvent,
            step);

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>The run's forecasts before scoring, and what producing them cost.</summary>
    private sealed class IssuedForecasts
    {
        public List<BacktestRow> Rows { get; } = [];

        public Dictionary<string, List<BacktestRow>> Baselines { get; } = BaselineForecaster.All.ToDictionary(b => b.Name, _ => new List<BacktestRow>());

        // Each retrain's held-out blocks are fitted on exactly the rows an earlier retrain's final fit saw: reuse it.
        public FitCache Fits { get; } = new();

        public int Trainings { get; set; }

        public TimeSpan TrainingTime { get; set; }

        public TimeSpan FeatureTime { get; set; }
    }
}
