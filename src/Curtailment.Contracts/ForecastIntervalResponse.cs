namespace Curtailment.Contracts;

/// <summary>One forecast interval.</summary>
/// <param name="IntervalStart">Interval start.</param>
/// <param name="IntervalEnd">Interval end.</param>
/// <param name="PredictedMw">Point forecast of the target series in its unit (<c>target.unit</c>): average MW, or for a proxy target (SA1) the price in AUD/MWh.</param>
/// <param name="LowerMw">10th percentile.</param>
/// <param name="UpperMw">90th percentile.</param>
/// <param name="EventProbability">Probability that the interval is an event (<c>target.eventRule</c>): for a proxy target, the product.</param>
public sealed record ForecastIntervalResponse(DateTimeOffset IntervalStart, DateTimeOffset IntervalEnd, double PredictedMw, double LowerMw, double UpperMw, double EventProbability);
