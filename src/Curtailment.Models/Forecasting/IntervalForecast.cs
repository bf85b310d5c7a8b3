namespace Curtailment.Models.Forecasting;

/// <summary>The forecast of one target interval.</summary>
/// <param name="IntervalStart">Interval start (UTC).</param>
/// <param name="IntervalEnd">Interval end (UTC).</param>
/// <param name="PredictedMw">Point forecast, average MW over the interval.</param>
/// <param name="EventProbability">Probability that the interval is an event (at or above the region's threshold).</param>
/// <param name="LowerMw">10th percentile.</param>
/// <param name="UpperMw">90th percentile.</param>
public sealed record IntervalForecast(
    DateTimeOffset IntervalStart,
    DateTimeOffset IntervalEnd,
    double PredictedMw,
    double EventProbability,
    double LowerMw,
    double UpperMw);
