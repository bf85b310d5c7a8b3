namespace Curtailment.Contracts;

/// <summary>A region with the freshness of its data and the model serving it.</summary>
/// <param name="Id">Region id.</param>
/// <param name="Name">Name.</param>
/// <param name="Operator">Operator publishing its data.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="TargetSeries">The forecast series.</param>
/// <param name="EventThreshold">Event threshold (MW, or the proxy target's unit).</param>
/// <param name="EventWhenBelow">True when an event is a value below the threshold (negative prices).</param>
/// <param name="DataKind"><c>synthetic-demo</c> when the latest ingested target file is simulated demo data, <c>operator</c> otherwise, <c>none</c> without data.</param>
/// <param name="LastTargetIntervalEnd">End of the newest stored interval of the target series.</param>
/// <param name="LastIngestedAt">When the newest ingest run that wrote the region's data finished.</param>
/// <param name="LastIngestFile">File name of that run.</param>
/// <param name="ServedBy">The label forecasts carry now (<c>fasttree@v3</c>, or <c>week_profile</c> without an active model).</param>
/// <param name="ActiveModel">The active model and its metrics, or null.</param>
/// <param name="Resolution">Native resolution of the target series (ISO-8601, <c>PT5M</c>, <c>PT30M</c>, <c>PT1H</c>).</param>
/// <param name="Target">What the region's forecast numbers are (series, unit, event rule, whether a proxy).</param>
public sealed record RegionResponse(
    string Id, string Name, string Operator, string TimeZone, string TargetSeries, double EventThreshold, bool EventWhenBelow,
    string DataKind, DateTimeOffset? LastTargetIntervalEnd, DateTimeOffset? LastIngestedAt, string? LastIngestFile, string ServedBy, ModelResponse? ActiveModel,
    string Resolution, TargetResponse Target);
