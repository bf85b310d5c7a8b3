namespace Curtailment.Models.Ssa;

/// <summary>
/// The largest growth the forecast trend may show: a factor of <see cref="Growth"/> over
/// <see cref="TimeSpan"/> steps (ML.NET's <c>GrowthRatio</c>).
/// </summary>
/// <param name="TimeSpan">Number of steps the growth is measured over (at least 1).</param>
/// <param name="Growth">Largest allowed growth factor over <paramref name="TimeSpan"/> steps (positive).</param>
public readonly record struct SsaGrowthRatio(int TimeSpan, double Growth)
{
    /// <summary>The largest allowed modulus of a trend root: <c>Growth^(1/TimeSpan)</c>.</summary>
    public double PerStepRatio => Math.Pow(Growth, 1.0 / TimeSpan);
}
