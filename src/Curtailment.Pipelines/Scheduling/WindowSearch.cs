namespace Curtailment.Pipelines.Scheduling;

/// <summary>Windows found by a region's rule, with the thresholds that were applied.</summary>
/// <param name="MinMw">Threshold applied to the predicted MW, or null for a proxy target (probability only).</param>
/// <param name="MinProbability">Minimum event probability applied.</param>
/// <param name="Windows">The windows, earliest first.</param>
public sealed record WindowSearch(double? MinMw, double MinProbability, IReadOnlyList<CurtailmentWindow> Windows);
