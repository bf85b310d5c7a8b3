namespace Curtailment.Pipelines.Backtest;

/// <summary>A backtest that cannot run as asked (no target data, empty range); the message says what to do.</summary>
public sealed class BacktestException(string message) : Exception(message);
