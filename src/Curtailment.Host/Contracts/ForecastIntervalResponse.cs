namespace Curtailment.Host.Contracts;

/// <summary>One forecast interval.</summary>
/// <param name="IntervalStart">Interval start.</param>
/// <param name="IntervalEnd">Interval end.</param>
/// <param name="PredictedMw">Point forecast (average MW; for a proxy target, the target's unit).</param>
/// <param name="LowerMw">10th percentile.</param>
/// <param name="UpperMw">90th percentile.</param>
/// <param name="EventProbability">Probability that the interval is an event (at or above the region's threshold).</param>
public sealed record ForecastIntervalResponse(DateTimeOffset IntervalStart, DateTimeOffset IntervalEnd, double PredictedMw, double LowerMw, double UpperMw, double EventProbability);
