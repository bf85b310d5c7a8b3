namespace Curtailment.Core.Regions;

/// <summary>
/// The series a region's forecasts predict and the event rule: curtailment at or above a threshold in
/// MW, or for a proxy target (AEMO's price) a value below a threshold.
/// </summary>
/// <param name="Series">Series id of the target (<c>total_curtailment_mw</c>).</param>
/// <param name="EventThreshold">Threshold of an event, in the series' unit.</param>
/// <param name="EventWhenBelow">True when an event is a value below the threshold (negative prices).</param>
public sealed record RegionTarget(string Series, double EventThreshold, bool EventWhenBelow = false)
{
    /// <summary>Whether a value of the target series is an event.</summary>
    public bool IsEvent(double value) => EventWhenBelow ? value < EventThreshold : value >= EventThreshold;
}
