namespace Curtailment.Pipelines.Backtest;

/// <summary>Wall-clock time of a backtest's parts, written to <c>metrics.json</c> (see docs/benchmarks.md).</summary>
/// <param name="TotalSeconds">The forecast loop (snapshot load and scoring excluded).</param>
/// <param name="Trainings">Training runs (each a probe fit and a final fit).</param>
/// <param name="TrainingSeconds">All training runs, including the features of training days built for them.</param>
/// <param name="FeatureMsPerIssueDay">Mean time to build one target day's features at its issue time.</param>
public sealed record BacktestTimings(double TotalSeconds, int Trainings, double TrainingSeconds, double FeatureMsPerIssueDay);
