namespace Curtailment.Models.Ssa;

/// <summary>
/// A trained SSA forecaster: the signal subspace, its linear recurrence, the noise variances and the
/// current state: the lag buffer (the last L − 1 inputs of the next lag vector) and the smoothed values of the
/// last L − 1 time points that forecasts start from. Not thread-safe: <see cref="Update"/> mutates the state.
/// </summary>
public sealed partial class SsaModel
{
    private readonly double[] _vectors; // L×r eigenvectors, row-major.
    private readonly double[] _alpha;   // recurrence coefficients, oldest first (L - 1).
    private readonly double[] _state;   // smoothed values of the last L - 1 time points, oldest first.
    private readonly double[] _lag;     // last L - 1 entries of the lag vector: observed points shifted in, oldest first.
    private readonly double _z;

    internal SsaModel(
        SsaOptions options,
        int rank,
        double[] vectors,
        double[] alpha,
        double[] state,
        double[] lag,
        double observationNoiseVariance,
        double autoregressionNoiseVariance,
        long observedCount)
    {
        Options = options;
        Rank = rank;
        _vectors = vectors;
        _alpha = alpha;
        _state = state;
        _lag = lag;
        ObservationNoiseVariance = observationNoiseVariance;
        AutoregressionNoiseVariance = autoregressionNoiseVariance;
        ObservedCount = observedCount;
        _z = SsaForecaster.NormalQuantile(options.ConfidenceLevel);
    }

    /// <summary>The options the model was trained with.</summary>
    public SsaOptions Options { get; }

    /// <summary>Window length L.</summary>
    public int WindowSize => Options.WindowSize;

    /// <summary>Rank r of the signal subspace.</summary>
    public int Rank { get; }

    /// <summary>Variance of the training series around its rank-r reconstruction (divided by the training length).</summary>
    public double ObservationNoiseVariance { get; }

    /// <summary>
    /// Variance of the recurrence's one-step residuals on the reconstruction, with the degrees of freedom of an
    /// order-(L − 1) autoregression: Σ(e − ē)² / (n − 2(L − 1)) over the n − (L − 1) residuals.
    /// </summary>
    public double AutoregressionNoiseVariance { get; }

    /// <summary>Number of points seen (training points plus updates).</summary>
    public long ObservedCount { get; private set; }

    /// <summary>Recurrence coefficients, oldest lag first: x[t] = Σ aᵢ·x[t − (L − 1) + i].</summary>
    public IReadOnlyList<double> RecurrenceCoefficients => _alpha;

    /// <summary>
    /// Forecasts <paramref name="horizon"/> steps after the last observed point by running the recurrence
    /// from the state. Bounds are point ± z·σₕ with σₕ² = σ²(obs) + σ²(ar)·(1 + Σ_{k=2}^{h+1} ψₖ²), ψ the
    /// recurrence's impulse response; this indexing reproduces ML.NET's published bounds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The recurrence diverged to a non-finite value.</exception>
    public SsaForecast Forecast(int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        int order = _alpha.Length;
        var window = new double[order + horizon];
        _state.CopyTo(window, 0);
        var point = new double[horizon];
        for (int h = 0; h < horizon; h++)
        {
            double v = SsaForecaster.Dot(_alpha, window.AsSpan(h, order));
            window[order + h] = v;
            point[h] = v;
        }

        // Impulse response ψ of the recurrence, ψ₀ = 1.
        var psi = new double[horizon + 2];
        psi[0] = 1;
        for (int k = 1; k < psi.Length; k++)
        {
            double s = 0;
            for (int i = 1; i <= Math.Min(k, order); i++)
            {
                s += _alpha[order - i] * psi[k - i];
            }

            psi[k] = s;
        }

        var lower = new double[horizon];
        var upper = new double[horizon];
        double cumulative = 1;
        for (int h = 0; h < horizon; h++)
        {
            if (h > 0)
            {
                cumulative += psi[h + 1] * psi[h + 1];
            }

            double sd = Math.Sqrt(ObservationNoiseVariance + (AutoregressionNoiseVariance * cumulative));
            lower[h] = point[h] - (_z * sd);
            upper[h] = point[h] + (_z * sd);
        }

        if (!AllFinite(point) || !AllFinite(lower) || !AllFinite(upper))
        {
            throw new InvalidOperationException(
                $"The forecast diverged within {horizon} steps; train with ShouldStabilize = true or a shorter horizon.");
        }

        return new SsaForecast(point, lower, upper);
    }

    /// <summary>
    /// Feeds new observations through the model without retraining. Each point is shifted into the lag buffer;
    /// the resulting lag vector is projected on the signal subspace and merged into the smoothed state by
    /// incremental diagonal averaging (slot i of the new state averages the projections of the L − 1 − i lag
    /// vectors that contain its time point). A NaN point is replaced by the model's one-step prediction, so
    /// time alignment is kept.
    /// </summary>
    /// <exception cref="ArgumentException">A point is infinite.</exception>
    public void Update(ReadOnlySpan<double> newPoints)
    {
        int order = _alpha.Length;
        int windowSize = order + 1;
        var lag = new double[windowSize];
        var coef = new double[Rank];
        for (int p = 0; p < newPoints.Length; p++)
        {
            double value = newPoints[p];
            if (double.IsInfinity(value))
            {
                throw new ArgumentException($"Point {p} is infinite.", nameof(newPoints));
            }

            _lag.CopyTo(lag, 0);
            lag[order] = double.IsNaN(value) ? SsaForecaster.Dot(_alpha, _state) : value;
            Array.Copy(lag, 1, _lag, 0, order);
            Array.Clear(coef);
            for (int i = 0; i < windowSize; i++)
            {
                for (int k = 0; k < Rank; k++)
                {
                    coef[k] += _vectors[(i * Rank) + k] * lag[i];
                }
            }

            // State slot i has been estimated by (L − 2 − i) earlier lag vectors; average in this one.
            for (int i = 0; i < order; i++)
            {
                double smoothed = 0;
                for (int k = 0; k < Rank; k++)
                {
                    smoothed += _vectors[((i + 1) * Rank) + k] * coef[k];
                }

                _state[i] = i < order - 1
                    ? (((order - 1 - i) * _state[i + 1]) + smoothed) / (order - i)
                    : smoothed;
            }

            ObservedCount++;
        }
    }

    private static bool AllFinite(double[] values) => Array.TrueForAll(values, double.IsFinite);
}
