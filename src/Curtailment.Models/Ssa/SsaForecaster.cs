using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Curtailment.Models.Ssa;

/// <summary>
/// Trains singular spectrum analysis forecasters (a clean-room implementation of the algorithm behind
/// ML.NET's <c>ForecastBySsa</c>; see docs/adr/0002-ssa-written-here.md).
/// </summary>
public static class SsaForecaster
{
    /// <summary>Eigenvalues below this share of the largest are numerical noise and never become signal.</summary>
    internal const double NumericalRankTolerance = 1e-10;

    /// <summary>
    /// Trains a model on the first <see cref="SsaOptions.TrainSize"/> points of <paramref name="series"/>
    /// and feeds any later points through <see cref="SsaModel.Update"/>, so the model ends positioned
    /// after the last point. NaN points are imputed by linear interpolation (time alignment is kept).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or a series that is too short, constant or all NaN.</exception>
    public static SsaModel Train(ReadOnlySpan<double> series, SsaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (y, trainSize) = TrainingWindow(series, options);
        int windowSize = options.WindowSize;
        int columns = trainSize - windowSize + 1;
        var (basis, eigenvalues, numericalRank, maxRank) = LeadingEigenvectors(y, options, columns);
        int rank = options.Rank is { } fixedRank
            ? Math.Min(fixedRank, numericalRank)
            : options.RankSelection switch
            {
                SsaRankSelection.Fast => RankSelector.Fast(eigenvalues, windowSize, columns, maxRank),
                _ => RankSelector.Exact(eigenvalues, basis, maxRank, NumericalRankTolerance),
            };

        // Projection coefficients of every lag vector on the signal eigenvectors: coef[k, j] = u_k · x_j.
        var coef = ProjectionCoefficients(y, basis, rank, columns);
        double[] alpha = RankSelector.MinimumNormRecurrence(basis, rank)
            ?? throw new ArgumentException(
                $"Rank {rank} gives no linear recurrence (the signal subspace contains the last lag axis); choose another Rank or WindowSize.",
                nameof(options));
        if (options.ShouldStabilize)
        {
            alpha = RecurrenceStabilizer.Stabilize(alpha, options.MaxGrowth?.PerStepRatio);
        }

        double[] reconstruction = Reconstruct(basis, coef, rank, trainSize, columns);
        double observationVariance = Variance(y, reconstruction, 0);
        double autoregressionVariance = RecurrenceResidualVariance(reconstruction, alpha);
        var state = LastLagState(basis, coef, rank, windowSize, columns);

        // The lag buffer starts from the same projected values; later observations are shifted in raw.
        var model = new SsaModel(
            options, rank, Flatten(basis, windowSize, rank), alpha, state, (double[])state.Clone(), observationVariance, autoregressionVariance, trainSize);
        if (series.Length > trainSize)
        {
            model.Update(series[trainSize..]);
        }

        return model;
    }

    /// <summary>The first <see cref="SsaOptions.TrainSize"/> points, checked, with gaps interpolated.</summary>
    private static (double[] Y, int TrainSize) TrainingWindow(ReadOnlySpan<double> series, SsaOptions options)
    {
        int trainSize = options.TrainSize ?? series.Length;
        if (trainSize > series.Length)
        {
            throw new ArgumentException(
                $"The series has {series.Length} points, fewer than TrainSize ({trainSize}).", nameof(series));
        }

        options.Validate(trainSize);
        double[] y = series[..trainSize].ToArray();
        GapFilling.InterpolateInPlace(y, nameof(series));
        ThrowIfConstant(y, nameof(series));
        return (y, trainSize);
    }

    /// <summary>
    /// The lag covariance's eigenvalues (descending, clipped at zero) and as many leading eigenvectors as any rank choice
    /// may use, with the numerical rank and the largest rank the options allow.
    /// </summary>
    private static (double[,] Basis, double[] Eigenvalues, int NumericalRank, int MaxRank) LeadingEigenvectors(double[] y, SsaOptions options, int columns)
    {
        int windowSize = options.WindowSize;
        var covariance = LagCovariance(y, windowSize, columns);
        var evd = covariance.Evd(Symmetricity.Symmetric);

        // MathNet returns ascending eigenvalues; SSA wants the leading components first.
        var order = Enumerable.Range(0, windowSize).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var eigenvalues = order.Select(i => Math.Max(0, evd.EigenValues[i].Real)).ToArray();
        int numericalRank = Math.Max(1, eigenvalues.Count(v => v > eigenvalues[0] * NumericalRankTolerance));
        int maxRank = Math.Min(options.EffectiveMaxRank, numericalRank);
        int basisColumns = Math.Max(maxRank, Math.Min(options.Rank ?? 0, numericalRank)); // a fixed Rank may exceed MaxRank.
        var basis = new double[windowSize, basisColumns];
        for (int k = 0; k < basisColumns; k++)
        {
            for (int i = 0; i < windowSize; i++)
            {
                basis[i, k] = evd.EigenVectors[i, order[k]];
            }
        }

        return (basis, eigenvalues, numericalRank, maxRank);
    }

    /// <summary>The last lag vector's projection on the signal subspace, without its oldest value: the recurrence's state.</summary>
    private static double[] LastLagState(double[,] basis, double[,] coef, int rank, int windowSize, int columns)
    {
        var state = new double[windowSize - 1];
        for (int i = 1; i < windowSize; i++)
        {
            double v = 0;
            for (int k = 0; k < rank; k++)
            {
                v += basis[i, k] * coef[k, columns - 1];
            }

            state[i - 1] = v;
        }

        return state;
    }

    /// <summary>The first <paramref name="rank"/> eigenvectors, row-major (lag by component), as the model stores them.</summary>
    private static double[] Flatten(double[,] basis, int windowSize, int rank)
    {
        var vectors = new double[windowSize * rank];
        for (int i = 0; i < windowSize; i++)
        {
            for (int k = 0; k < rank; k++)
            {
                vectors[(i * rank) + k] = basis[i, k];
            }
        }

        return vectors;
    }

    /// <summary>Two-sided standard normal quantile for a confidence level.</summary>
    internal static double NormalQuantile(double confidenceLevel) => Normal.InvCDF(0, 1, 0.5 + (confidenceLevel / 2));

    private static void ThrowIfConstant(double[] y, string paramName)
    {
        double min = y.Min(), max = y.Max();
        if (max - min <= 1e-12 * Math.Max(1, Math.Max(Math.Abs(min), Math.Abs(max))))
        {
            throw new ArgumentException("The training series is constant; SSA needs some variation to find a signal.", paramName);
        }
    }

    /// <summary>L×L lag covariance X·Xᵀ of the trajectory matrix by sliding sums, O(L·K + L²).</summary>
    private static Matrix<double> LagCovariance(double[] y, int windowSize, int columns)
    {
        var c = Matrix<double>.Build.Dense(windowSize, windowSize);
        for (int j = 0; j < windowSize; j++)
        {
            double s = 0;
            for (int t = 0; t < columns; t++)
            {
                s += y[t] * y[j + t];
            }

            c[0, j] = s;
        }

        // C[i+1, j+1] = C[i, j] - y[i]·y[j] + y[i+K]·y[j+K].
        for (int i = 1; i < windowSize; i++)
        {
            for (int j = i; j < windowSize; j++)
            {
                c[i, j] = c[i - 1, j - 1] - (y[i - 1] * y[j - 1]) + (y[i - 1 + columns] * y[j - 1 + columns]);
            }
        }

        for (int i = 0; i < windowSize; i++)
        {
            for (int j = 0; j < i; j++)
            {
                c[i, j] = c[j, i];
            }
        }

        return c;
    }

    private static double[,] ProjectionCoefficients(double[] y, double[,] basis, int rank, int columns)
    {
        int windowSize = basis.GetLength(0);
        var coef = new double[rank, columns];
        var u = new double[windowSize];
        for (int k = 0; k < rank; k++)
        {
            for (int i = 0; i < windowSize; i++)
            {
                u[i] = basis[i, k];
            }

            for (int j = 0; j < columns; j++)
            {
                coef[k, j] = Dot(u, y.AsSpan(j, windowSize));
            }
        }

        return coef;
    }

    /// <summary>Rank-r reconstruction of the training series by diagonal averaging of U·Uᵀ·X.</summary>
    private static double[] Reconstruct(double[,] basis, double[,] coef, int rank, int length, int columns)
    {
        int windowSize = basis.GetLength(0);
        var sum = new double[length];
        var column = new double[windowSize];
        for (int j = 0; j < columns; j++)
        {
            Array.Clear(column);
            for (int k = 0; k < rank; k++)
            {
                double c = coef[k, j];
                for (int i = 0; i < windowSize; i++)
                {
                    column[i] += basis[i, k] * c;
                }
            }

            for (int i = 0; i < windowSize; i++)
            {
                sum[i + j] += column[i];
            }
        }

        for (int t = 0; t < length; t++)
        {
            int count = Math.Min(Math.Min(t + 1, windowSize), Math.Min(columns, length - t));
            sum[t] /= count;
        }

        return sum;
    }

    /// <summary>
    /// Σ(e − ē)² / (n − 2m) for the n − m residuals e of the order-m recurrence on the reconstruction: the
    /// m coefficients use up m degrees of freedom (ML.NET's published variances; see the ADR). ML.NET requires
    /// TrainSize ≥ 2·WindowSize, so the divisor is positive there; shorter series use at least 1.
    /// </summary>
    private static double RecurrenceResidualVariance(double[] reconstruction, double[] alpha)
    {
        int order = alpha.Length;
        int count = reconstruction.Length - order;
        var residuals = new double[count];
        for (int t = order; t < reconstruction.Length; t++)
        {
            residuals[t - order] = reconstruction[t] - Dot(alpha, reconstruction.AsSpan(t - order, order));
        }

        double degreesOfFreedom = Math.Max(1, count - order);
        return Variance(residuals, null, 0) * count / degreesOfFreedom;
    }

    private static double Variance(double[] a, double[]? b, int start)
    {
        double mean = 0, square = 0;
        int n = a.Length - start;
        for (int t = start; t < a.Length; t++)
        {
            double e = b is null ? a[t] : a[t] - b[t];
            mean += e;
            square += e * e;
        }

        mean /= n;
        return Math.Max(0, (square / n) - (mean * mean));
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
