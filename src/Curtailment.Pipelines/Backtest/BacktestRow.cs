using Curtailment.Models.Forecasting;

namespace Curtailment.Pipelines.Backtest;

/// <summary>One forecast row of a backtest: what <c>forecasts.csv</c> holds, plus the actual for scoring.</summary>
/// <param name="Day">Target local day.</param>
/// <param name="IssuedAt">Issue time (UTC).</param>
/// <param name="Forecast">The interval forecast.</param>
/// <param name="Model">Forecaster name.</param>
/// <param name="Actual">Actual value as finally known (NaN when never published).</param>
/// <param name="Climatology">Event share at the same clock time over the last 28 known days.</param>
public sealed record BacktestRow(DateOnly Day, DateTimeOffset IssuedAt, IntervalForecast Forecast, string Model, double Actual, double Climatology);
