namespace Curtailment.Pipelines.Serving;

/// <summary>A valid request that cannot be answered yet: no stored forecast covers it and there is no data to compute one from.</summary>
public sealed class ForecastUnavailableException(string reason) : Exception(reason);
