namespace Curtailment.Contracts;

/// <summary>Which forecast a region's part of an answer came from.</summary>
/// <param name="Region">Region id.</param>
/// <param name="IssuedAt">Issue time.</param>
/// <param name="ModelVersion">Model.</param>
/// <param name="TimeZone">The region's IANA time zone.</param>
/// <param name="Resolution">Step of the forecast's intervals (ISO-8601), or null when it has none in the range.</param>
public sealed record ForecastSource(string Region, DateTimeOffset IssuedAt, string ModelVersion, string? TimeZone = null, string? Resolution = null);
