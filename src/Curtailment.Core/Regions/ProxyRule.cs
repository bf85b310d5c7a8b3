namespace Curtailment.Core.Regions;

/// <summary>The operator series and rule a proxy target stands for (AEMO: <c>rrp_aud_per_mwh</c> below 0).</summary>
/// <param name="Series">The operator series the rule reads.</param>
/// <param name="Threshold">The rule's threshold, in that series' unit.</param>
/// <param name="Below">True when the rule holds below the threshold, false at or above it.</param>
public sealed record ProxyRule(string Series, double Threshold, bool Below)
{
    /// <summary>Share of an interval the target series gives a value of the operator series: 1 when the rule holds, else 0.</summary>
    public double ShareOf(double value) => (Below ? value < Threshold : value >= Threshold) ? 1 : 0;
}
