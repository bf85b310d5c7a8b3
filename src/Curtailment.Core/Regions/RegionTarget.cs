namespace Curtailment.Core.Regions;

/// <summary>
/// The series a region's forecasts predict and the event rule: curtailment at or above a threshold in MW.
/// A region without a curtailment series forecasts a proxy instead (<see cref="Proxy"/>): its target series is
/// then the share of each interval in which the proxy rule held (AEMO: a negative price), so every model,
/// baseline and metric works on it as on MW, with an event at a share of one half or more.
/// </summary>
/// <param name="Series">Series id of the target (<c>total_curtailment_mw</c>, <c>negative_price_share</c>).</param>
/// <param name="EventThreshold">Threshold of an event, in the series' unit.</param>
/// <param name="EventWhenBelow">True when an event is a value below the threshold.</param>
public sealed record RegionTarget(string Series, double EventThreshold, bool EventWhenBelow = false)
{
    /// <summary>The rule the target series stands for, for a proxy target; null for a curtailment series.</summary>
    public ProxyRule? Proxy { get; init; }

    /// <summary>Whether the target is a proxy (a share of intervals, not MW).</summary>
    public bool IsProxy => Proxy is not null;

    /// <summary>Whether a value of the target series is an event.</summary>
    public bool IsEvent(double value) => EventWhenBelow ? value < EventThreshold : value >= EventThreshold;
}
