namespace Curtailment.Models.Ssa;

/// <summary>How <see cref="SsaForecaster"/> chooses the rank r of the signal subspace.</summary>
public enum SsaRankSelection
{
    /// <summary>Use <see cref="SsaOptions.Rank"/> as given.</summary>
    Fixed = 0,

    /// <summary>
    /// Try every rank up to <see cref="SsaOptions.MaxRank"/> and keep the one with the smallest one-step
    /// prediction error on the training series (ML.NET's documented "prediction error minimization").
    /// </summary>
    Exact = 1,

    /// <summary>Gavish–Donoho optimal hard threshold on the singular values (no model fits per rank).</summary>
    Fast = 2,
}
