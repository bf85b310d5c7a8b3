namespace Curtailment.Pipelines.Serving;

/// <summary>Why a served forecast is stale: the issue the schedule expected by now, and the older one served instead.</summary>
/// <param name="ExpectedIssuedAt">The latest day-ahead issue instant the schedule expected by now (UTC).</param>
/// <param name="ServedIssuedAt">The issue time of the vintage served (UTC).</param>
/// <param name="Reason">Both, in words, for the response and the page.</param>
public sealed record ForecastStaleness(DateTimeOffset ExpectedIssuedAt, DateTimeOffset ServedIssuedAt, string Reason);
