namespace Curtailment.Models.Ssa;

/// <summary>A forecast of <c>Point.Length</c> steps with its confidence bounds.</summary>
/// <param name="Point">Point forecasts, one per step.</param>
/// <param name="Lower">Lower confidence bounds at <see cref="SsaOptions.ConfidenceLevel"/>.</param>
/// <param name="Upper">Upper confidence bounds at <see cref="SsaOptions.ConfidenceLevel"/>.</param>
public sealed record SsaForecast(double[] Point, double[] Lower, double[] Upper);
