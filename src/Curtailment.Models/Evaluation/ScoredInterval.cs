namespace Curtailment.Models.Evaluation;

/// <summary>One target interval with a forecast and what happened.</summary>
/// <param name="Day">The target's local day.</param>
/// <param name="IntervalStart">Interval start (UTC).</param>
/// <param name="Actual">Actual value (MW); unknown intervals are not scored.</param>
/// <param name="Predicted">Point forecast.</param>
/// <param name="Probability">Event probability.</param>
/// <param name="Lower">10th percentile.</param>
/// <param name="Upper">90th percentile.</param>
/// <param name="Climatology">Share of the same clock time over the last 28 known days that had an event.</param>
public sealed record ScoredInterval(DateOnly Day, DateTimeOffset IntervalStart, double Actual, double Predicted, double Probability, double Lower, double Upper, double Climatology);
