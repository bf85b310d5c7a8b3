using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Serving;

/// <summary>Told of every vintage <see cref="ForecastServing"/> computes on demand (the host counts them).</summary>
public interface IOnDemandForecastListener
{
    /// <summary>A vintage was computed and stored to answer a request.</summary>
    void Issued(ForecastVintage vintage);
}
