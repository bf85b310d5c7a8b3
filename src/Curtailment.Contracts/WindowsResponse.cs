namespace Curtailment.Contracts;

/// <summary>Predicted curtailment windows of a region.</summary>
/// <param name="Region">Region id.</param>
/// <param name="IssuedAt">Issue time of the forecast used.</param>
/// <param name="ModelVersion">Model of the forecast used.</param>
/// <param name="MinMw">Threshold applied to the predicted MW; null for a proxy target, whose windows are by probability only.</param>
/// <param name="MinProbability">Minimum event probability applied.</param>
/// <param name="Target">What the numbers are; for a proxy target <c>expectedMwh</c> and <c>peakMw</c> are in its unit and mean little: read <c>expectedEventHours</c>.</param>
/// <param name="Windows">Contiguous runs passing both, earliest first.</param>
public sealed record WindowsResponse(
    string Region, DateTimeOffset IssuedAt, string ModelVersion, double? MinMw, double MinProbability, TargetResponse Target, IReadOnlyList<CurtailmentWindowResponse> Windows);
