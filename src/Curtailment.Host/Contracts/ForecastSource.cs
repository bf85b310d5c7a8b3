namespace Curtailment.Host.Contracts;

/// <summary>Which forecast a region's part of an answer came from.</summary>
/// <param name="Region">Region id.</param>
/// <param name="IssuedAt">Issue time.</param>
/// <param name="ModelVersion">Model.</param>
public sealed record ForecastSource(string Region, DateTimeOffset IssuedAt, string ModelVersion);
