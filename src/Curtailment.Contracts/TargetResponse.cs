namespace Curtailment.Contracts;

/// <summary>What a region's forecast numbers are.</summary>
/// <param name="Series">Target series id.</param>
/// <param name="Unit">Unit of the series, and so of <c>predictedMw</c>, <c>lowerMw</c> and <c>upperMw</c> (<c>MW</c>, or <c>AUD/MWh</c> for SA1).</param>
/// <param name="EventThreshold">Event threshold in <paramref name="Unit"/>.</param>
/// <param name="EventWhenBelow">True when an event is a value below the threshold.</param>
/// <param name="EventRule">The event rule as text (<c>rrp_aud_per_mwh &lt; 0 AUD/MWh</c>).</param>
/// <param name="IsProxy">True when the target stands in for curtailment (a negative price): its values are not curtailed MW, the product is the event probability.</param>
/// <param name="PredictedValue">What <c>predictedMw</c> holds for this region.</param>
/// <param name="RankedBy">What windows and best-window candidates of the region are ranked by on their own (<c>energy</c> or <c>eventHours</c>).</param>
public sealed record TargetResponse(
    string Series, string Unit, double EventThreshold, bool EventWhenBelow, string EventRule, bool IsProxy, string PredictedValue, string RankedBy);
