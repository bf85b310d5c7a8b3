namespace Curtailment.Pipelines.Backtest;

/// <summary>Wall-clock time of a backtest's parts, written to <c>metrics.json</c> (see docs/benchmarks.md).</summary>
/// <param name="TotalSeconds">The forecast loop (snapshot load and scoring excluded).</param>
/// <param name="Trainings">Training runs (each fits the held-out blocks and then all days).</param>
/// <param name="TrainingSeconds">All training runs, including the features of training days built for them.</param>
/// <param name="FeatureMsPerIssueDay">Mean time to build one target day's features at its issue time.</param>
/// <param name="FitsMade">FastTree fits made by the training runs.</param>
/// <param name="FitsReused">Fits the training runs needed that an earlier run had made on identical rows (<c>FitCache</c>).</param>
public sealed record BacktestTimings(double TotalSeconds, int Trainings, double TrainingSeconds, double FeatureMsPerIssueDay, int FitsMade, int FitsReused);
