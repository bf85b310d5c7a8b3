using Curtailment.Models.Trees;

namespace Curtailment.Pipelines.Backtest;

/// <summary>A rolling day-ahead backtest over <c>[From, To]</c> (local target days).</summary>
/// <param name="RegionId">Region id.</param>
/// <param name="From">First target day.</param>
/// <param name="To">Last target day (inclusive).</param>
/// <param name="RetrainEveryDays">Days between retrains (the first target day always trains).</param>
/// <param name="TrainingWindowDays">How many days of history a training run may look back.</param>
/// <param name="Options">Model hyper-parameters.</param>
/// <param name="RetrainCron">
/// Retrain as the service does instead of every <paramref name="RetrainEveryDays"/>: at each instant of this cron
/// expression in the region's local time, on the service's training window, through its promotion gate
/// (<c>Curtailment:Training</c>), and forecast with the model the gate left serving.
/// </param>
public sealed record BacktestRequest(
    string RegionId,
    DateOnly From,
    DateOnly To,
    int RetrainEveryDays = 7,
    int TrainingWindowDays = 365,
    CurtailmentModelOptions? Options = null,
    string? RetrainCron = null);
