using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Host.Contracts;

/// <summary>Predicted curtailment windows of a region.</summary>
/// <param name="Region">Region id.</param>
/// <param name="IssuedAt">Issue time of the forecast used.</param>
/// <param name="ModelVersion">Model of the forecast used.</param>
/// <param name="MinMw">Threshold applied to the predicted value.</param>
/// <param name="MinProbability">Minimum event probability applied.</param>
/// <param name="Windows">Contiguous runs passing both, earliest first.</param>
public sealed record WindowsResponse(string Region, DateTimeOffset IssuedAt, string ModelVersion, double MinMw, double MinProbability, IReadOnlyList<CurtailmentWindow> Windows);
