namespace Curtailment.Models.Ssa;

/// <summary>How <see cref="SsaForecaster"/> chooses the rank r of the signal subspace.</summary>
public enum SsaRankSelection
{
    /// <summary>Use <see cref="SsaOptions.Rank"/> as given.</summary>
    Fixed = 0,

    /// <summary>
    /// Try every rank up to <see cref="SsaOptions.MaxRank"/> and keep the one with the smallest expected one-step
    /// prediction error, (energy outside the subspace)·(1 + ‖a‖²) (ML.NET's "prediction error minimization"; see ADR 0002).
    /// </summary>
    Exact = 1,

    /// <summary>Gavish–Donoho optimal hard threshold on the singular values (no model fits per rank).</summary>
    Fast = 2,
}
