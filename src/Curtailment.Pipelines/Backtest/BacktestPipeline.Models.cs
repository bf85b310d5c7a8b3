using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Models.Baselines;
using Curtailment.Models.Forecasting;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Scheduling;
using Curtailment.Pipelines.Training;

namespace Curtailment.Pipelines.Backtest;

/// <summary>Which model serves each target day of a backtest: retrained every N days, or as the service retrains.</summary>
public sealed partial class BacktestPipeline
{
    private interface IBacktestModels
    {
        /// <summary>The model serving the forecast issued at <paramref name="issuedAt"/> for <paramref name="day"/>, and how many trainings that took.</summary>
        Task<(ICurtailmentForecaster Model, int Trainings)> ServingAsync(DateOnly day, DateTimeOffset issuedAt, CancellationToken cancellationToken);
    }

    /// <summary>
    /// A new model at the first target day and every N days after, trained at the issue time on the window before it
    /// and used whatever it scores: the research setting of the protocol's backtest.
    /// </summary>
    private sealed class EveryNDays(
        IObservationReader reader, Region region, BacktestRequest request, CurtailmentModelOptions options, DayFeatureCache cache, FitCache fits, List<string> notes)
        : IBacktestModels
    {
        private ICurtailmentForecaster? _model;
        private DateOnly _lastTraining = DateOnly.MinValue;

        public async Task<(ICurtailmentForecaster Model, int Trainings)> ServingAsync(DateOnly day, DateTimeOffset issuedAt, CancellationToken cancellationToken)
        {
            if (_model is not null && day.DayNumber - _lastTraining.DayNumber < request.RetrainEveryDays)
            {
                return (_model, 0);
            }

            _lastTraining = day;
            // Labels as known at the training (= issue) time: for CAISO, days up to D-2.
            var (first, last) = Retraining.TrainingDays(region, issuedAt, request.TrainingWindowDays);
            var data = await TrainingData.BuildAsync(reader, region, cache, first, last, issuedAt, cancellationToken);
            try
            {
                _model = CurtailmentModelTrainer.Train(region, data, options, $"bt-{day:yyyy-MM-dd}", fits);
            }
            catch (InsufficientHistoryException e)
            {
                notes.Add($"{day:yyyy-MM-dd}: {e.Message} Forecast by week_profile until then.");
                _model = BaselineForecaster.WeekProfile;
            }

            return (_model, 1);
        }
    }

    /// <summary>
    /// The service's retraining replayed: at each instant of its retrain cron, the same <see cref="Retraining"/> as the
    /// retrain job (labels as known then, the service's window, the promotion gate against the model serving then),
    /// the winner loaded from its saved artifact as the service loads it. Until a model passes, the week profile serves.
    /// </summary>
    private sealed class AsTheService(
        IObservationReader reader, Region region, CurtailmentModelOptions options, TrainingOptions settings, int windowDays,
        DayFeatureCache cache, CronSchedule schedule, FitCache fits, List<string> notes)
        : IBacktestModels
    {
        // Long enough to find the instant before the first issue of any schedule that fires at least yearly.
        private static readonly TimeSpan FirstLookback = TimeSpan.FromDays(370);

        private ServingModel _serving = ServingModel.Baseline;
        private DateTimeOffset? _lastIssue;

        public async Task<(ICurtailmentForecaster Model, int Trainings)> ServingAsync(DateOnly day, DateTimeOffset issuedAt, CancellationToken cancellationToken)
        {
            var instants = _lastIssue is { } after
                ? schedule.Between(after, issuedAt).ToList()
                : schedule.LatestAtOrBefore(issuedAt, FirstLookback) is { } latest ? [latest] : [];
            _lastIssue = issuedAt;
            foreach (var trainedAt in instants)
            {
                await RetrainAsync(trainedAt, cancellationToken);
            }

            return (_serving.Forecaster, instants.Count);
        }

        private async Task RetrainAsync(DateTimeOffset trainedAt, CancellationToken cancellationToken)
        {
            var localDay = LocalClock.LocalDate(trainedAt, region.TimeZone);
            try
            {
                var days = Retraining.TrainingDays(region, trainedAt, windowDays);
                var retraining = await Retraining.PrepareAsync(reader, region, cache, trainedAt, days, options, settings, _serving, fits, cancellationToken);
                if (!retraining.Activate)
                {
                    notes.Add($"{localDay:yyyy-MM-dd}: the retrain was kept as a candidate ({retraining.Reason}).");
                    return;
                }

                var version = $"bt-{localDay:yyyy-MM-dd}";
                using var artifact = new MemoryStream();
                retraining.TrainFinal(version).Save(artifact);
                artifact.Position = 0;
                var loaded = CurtailmentModel.Load(artifact);
                _serving = new ServingModel(loaded, loaded.Manifest, version);
            }
            catch (InsufficientHistoryException e)
            {
                notes.Add($"{localDay:yyyy-MM-dd}: retrain skipped, {e.Message}");
            }
        }
    }
}
