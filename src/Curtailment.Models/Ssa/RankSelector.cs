namespace Curtailment.Models.Ssa;

/// <summary>Rank selection and the minimum-norm linear recurrence of a signal subspace.</summary>
internal static class RankSelector
{
    /// <summary>A recurrence needs ν² = Σ π² &lt; 1 (the last axis must not lie in the subspace).</summary>
    private const double VerticalityLimit = 1 - 1e-9;

    /// <summary>
    /// Minimum-norm recurrence coefficients a (oldest first) of the span of the first <paramref name="rank"/>
    /// columns of <paramref name="basis"/>: a = Σ πₖ·u̲ₖ / (1 − ν²), with πₖ the last entry of uₖ and u̲ₖ the rest.
    /// Null when ν² is too close to 1.
    /// </summary>
    public static double[]? MinimumNormRecurrence(double[,] basis, int rank)
    {
        int windowSize = basis.GetLength(0);
        double nu2 = 0;
        for (int k = 0; k < rank; k++)
        {
            nu2 += basis[windowSize - 1, k] * basis[windowSize - 1, k];
        }

        if (nu2 >= VerticalityLimit)
        {
            return null;
        }

        var alpha = new double[windowSize - 1];
        for (int k = 0; k < rank; k++)
        {
            double pi = basis[windowSize - 1, k] / (1 - nu2);
            for (int i = 0; i < windowSize - 1; i++)
            {
                alpha[i] += pi * basis[i, k];
            }
        }

        return alpha;
    }

    /// <summary>
    /// ML.NET's Exact rule (prediction error minimization, identified from its published ranks; see the ADR): the rank r
    /// in [1, maxRank] minimizing the expected one-step prediction error of the rank-r recurrence applied to noisy
    /// data, (Σ_{i&gt;r} λᵢ)·(1 + ‖a‖²) = (Σ_{i&gt;r} λᵢ) / (1 − ν²): the energy left outside the signal subspace times
    /// the recurrence's noise gain (a the minimum-norm recurrence before stabilization, ν² = Σ πₖ²).
    /// A discarded energy within <paramref name="exactTolerance"/> of the total counts as zero, so noise-free data
    /// gets its smallest exact rank rather than a rounding-level win.
    /// </summary>
    public static int Exact(double[] eigenvalues, double[,] basis, int maxRank, double exactTolerance)
    {
        int windowSize = basis.GetLength(0);
        double total = eigenvalues.Sum();
        int best = 1;
        double bestError = double.PositiveInfinity;
        double nu2 = 0;
        for (int r = 1; r <= maxRank; r++)
        {
            nu2 += basis[windowSize - 1, r - 1] * basis[windowSize - 1, r - 1];
            if (nu2 >= VerticalityLimit)
            {
                continue;
            }

            double discarded = 0;
            for (int i = r; i < eigenvalues.Length; i++)
            {
                discarded += eigenvalues[i];
            }

            double error = discarded <= exactTolerance * total ? 0 : discarded / (1 - nu2);
            if (error < bestError)
            {
                bestError = error;
                best = r;
            }
        }

        return best;
    }

    /// <summary>
    /// Gavish–Donoho optimal hard threshold for an unknown noise level: keep singular values above
    /// ω(β)·median, with ω(β) ≈ 0.56β³ − 0.95β² + 1.82β + 1.43 and β the aspect ratio of the trajectory matrix.
    /// </summary>
    public static int Fast(double[] eigenvalues, int windowSize, int columns, int maxRank)
    {
        double beta = (double)Math.Min(windowSize, columns) / Math.Max(windowSize, columns);
        double omega = (0.56 * beta * beta * beta) - (0.95 * beta * beta) + (1.82 * beta) + 1.43;
        var singular = eigenvalues.Take(Math.Min(windowSize, columns)).Select(Math.Sqrt).ToArray();
        var sorted = singular.Order().ToArray();
        double median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
        int rank = singular.Count(s => s > omega * median);
        return Math.Clamp(rank, 1, maxRank);
    }
}
