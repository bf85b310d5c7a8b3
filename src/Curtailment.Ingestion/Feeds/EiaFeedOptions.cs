namespace Curtailment.Ingestion.Feeds;

/// <summary>Settings of the EIA-930 feed (<c>Curtailment:Feeds:Eia</c>).</summary>
public sealed class EiaFeedOptions
{
    /// <summary>
    /// The EIA open data API key (free, from https://www.eia.gov/opendata/). Without one the EIA feeds are skipped
    /// with a message saying so. Set it as <c>Curtailment__Feeds__Eia__ApiKey</c> or in user secrets.
    /// </summary>
    public string? ApiKey { get; set; }
}
