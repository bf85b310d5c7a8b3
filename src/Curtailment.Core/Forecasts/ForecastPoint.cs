namespace Curtailment.Core.Forecasts;

/// <summary>The forecast of one interval.</summary>
/// <param name="IntervalStart">Interval start (UTC).</param>
/// <param name="IntervalEnd">Interval end (UTC).</param>
/// <param name="PredictedMw">Point forecast, average MW over the interval.</param>
/// <param name="LowerMw">10th percentile.</param>
/// <param name="UpperMw">90th percentile.</param>
/// <param name="EventProbability">Probability of an event (at or above the region's threshold).</param>
public sealed record ForecastPoint(DateTimeOffset IntervalStart, DateTimeOffset IntervalEnd, double PredictedMw, double LowerMw, double UpperMw, double EventProbability);
