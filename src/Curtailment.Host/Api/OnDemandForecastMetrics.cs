using Curtailment.Core.Forecasts;
using Curtailment.Host.Observability;
using Curtailment.Pipelines.Serving;

namespace Curtailment.Host.Api;

/// <summary>Counts the vintages serving computes on demand, beside those of the job and the start-up task.</summary>
public sealed class OnDemandForecastMetrics(CurtailmentMetrics metrics) : IOnDemandForecastListener
{
    /// <inheritdoc />
    public void Issued(ForecastVintage vintage)
    {
        ArgumentNullException.ThrowIfNull(vintage);
        metrics.ForecastIssued(vintage.Region, "on-demand");
    }
}
