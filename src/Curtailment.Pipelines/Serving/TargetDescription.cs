using System.Globalization;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;

namespace Curtailment.Pipelines.Serving;

/// <summary>What a region's forecast numbers are: the target series, its unit and the event rule.</summary>
/// <param name="Series">Target series id.</param>
/// <param name="Unit">Unit of the series and so of the predicted values (<c>MW</c>, <c>share</c>).</param>
/// <param name="EventThreshold">Event threshold, in <paramref name="Unit"/>.</param>
/// <param name="EventWhenBelow">True when an event is a value below the threshold.</param>
/// <param name="IsProxy">True when the target stands in for curtailment (a negative price) and is not curtailed MW.</param>
/// <param name="EventRule">The rule as text (<c>total_curtailment_mw &gt;= 500 MW</c>; for a proxy, the operator's rule: <c>rrp_aud_per_mwh &lt; 0 AUD/MWh</c>).</param>
/// <param name="PredictedValue">What the forecast's point value (<c>predictedMw</c> on the wire) holds.</param>
public sealed record TargetDescription(
    string Series, string Unit, double EventThreshold, bool EventWhenBelow, bool IsProxy, string EventRule, string PredictedValue)
{
    /// <summary>The description of <paramref name="region"/>'s target.</summary>
    public static TargetDescription Of(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var target = region.Target;
        var unit = UnitOf(target.Series);
        if (target.Proxy is { } proxy)
        {
            // The target series is the share of the interval in which the operator's rule held (ADR 0007).
            var proxyRule = $"{proxy.Series} {(proxy.Below ? "<" : ">=")} {Number(proxy.Threshold)} {UnitOf(proxy.Series)}";
            return new TargetDescription(target.Series, unit, target.EventThreshold, target.EventWhenBelow, true, proxyRule,
                $"The forecast share of the interval with {proxyRule} (0 to 1), not curtailed MW; eventProbability is P({proxyRule}) and the windows follow it.");
        }

        var rule = $"{target.Series} {(target.EventWhenBelow ? "<" : ">=")} {Number(target.EventThreshold)} {unit}";
        return new TargetDescription(target.Series, unit, target.EventThreshold, target.EventWhenBelow, false, rule,
            $"The forecast of {target.Series}: average {unit} over the interval.");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The unit of a series id, from its suffix (<see cref="SeriesIds"/>: the unit is the suffix).</summary>
    public static string UnitOf(string series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return SeriesIds.IsPowerMw(series) ? "MW"
            : series.EndsWith("_share", StringComparison.Ordinal) ? "share"
            : series.EndsWith("_aud_per_mwh", StringComparison.Ordinal) ? "AUD/MWh"
            : series.EndsWith("_eur_per_mwh", StringComparison.Ordinal) ? "EUR/MWh"
            : series.EndsWith("_gbp_per_mwh", StringComparison.Ordinal) ? "GBP/MWh"
            : series;
    }
}
