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
    /// The rank in [1, maxRank] with the smallest mean squared one-step prediction error on the training series,
    /// where the point after window j is predicted by the recurrence from the projection of window j.
    /// </summary>
    public static int Exact(double[] y, double[,] basis, double[,] coef, int maxRank)
    {
        int windowSize = basis.GetLength(0);
        int columns = coef.GetLength(1);
        int best = 1;
        double bestError = double.PositiveInfinity;
        var gain = new double[maxRank];
        for (int r = 1; r <= maxRank; r++)
        {
            double[]? alpha = MinimumNormRecurrence(basis, r);
            if (alpha is null)
            {
                continue;
            }

            // prediction(j) = a · (U cⱼ)[1..L-1] = Σₖ gainₖ cₖⱼ with gainₖ = Σᵢ aᵢ U[i+1, k].
            for (int k = 0; k < r; k++)
            {
                double g = 0;
                for (int i = 0; i < windowSize - 1; i++)
                {
                    g += alpha[i] * basis[i + 1, k];
                }

                gain[k] = g;
            }

            double error = 0;
            for (int j = 0; j < columns - 1; j++)
            {
                double prediction = 0;
                for (int k = 0; k < r; k++)
                {
                    prediction += gain[k] * coef[k, j];
                }

                double e = y[j + windowSize] - prediction;
                error += e * e;
            }

            // A relative margin keeps noise-free data at the smallest exact rank instead of a rounding-level win.
            if (error < bestError * (1 - 1e-9) - 1e-300)
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
