namespace Curtailment.Models.Trees;

/// <summary>
/// Weighted, ridge-penalised logistic regression by damped Newton steps: the fit behind the event model
/// (<see cref="EventProbabilityModel"/>) and the event stacking (<see cref="EventStacking"/>). Rows carry the intercept's
/// 1 first; the intercept is not penalised.
/// </summary>
internal static class RidgeLogistic
{
    /// <summary>Penalty on every weight but the intercept, on rows weighted to a mean of 1.</summary>
    public const double Ridge = 1.0;

    private const int MaxIterations = 100;
    private const int MaxHalvings = 30;

    /// <summary>
    /// The weights (intercept first) of a logistic regression of <paramref name="outcomes"/> on <paramref name="inputs"/>;
    /// null when the rows hold one outcome class only or the fit does not end in finite weights. With
    /// <paramref name="minimumWeights"/> (one per input), an input whose weight falls below its least value is held
    /// there and the others are fitted again.
    /// </summary>
    /// <param name="inputs">Each row's inputs (the same count for every row).</param>
    /// <param name="outcomes">Whether each row was an event.</param>
    /// <param name="weights">Row weights (null: equal).</param>
    /// <param name="minimumWeights">The least weight of each input (null: none).</param>
    public static double[]? Fit(IReadOnlyList<double[]> inputs, IReadOnlyList<bool> outcomes, IReadOnlyList<double>? weights = null, IReadOnlyList<double>? minimumWeights = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count != inputs.Count)
        {
            throw new ArgumentException($"{outcomes.Count} outcomes for {inputs.Count} rows.", nameof(outcomes));
        }

        if (weights is not null && weights.Count != inputs.Count)
        {
            throw new ArgumentException($"{weights.Count} weights for {inputs.Count} rows.", nameof(weights));
        }

        var positives = outcomes.Count(o => o);
        if (positives == 0 || positives == outcomes.Count)
        {
            return null;
        }

        var count = inputs[0].Length;
        if (inputs.Any(x => x.Length != count) || (minimumWeights is not null && minimumWeights.Count != count))
        {
            throw new ArgumentException("Every row, and the least weights, must have the same number of inputs.", nameof(inputs));
        }

        var rows = inputs.Select(x => (double[])[1, .. x]).ToArray();
        var scaled = Scaled(weights, inputs.Count);
        var w = Start(count, outcomes);
        var held = new bool[count + 1];
        for (var pass = 0; pass <= count; pass++)
        {
            w = Newton(w, rows, outcomes, scaled, held);
            var below = minimumWeights is null ? [] : Enumerable.Range(1, count).Where(j => !held[j] && w[j] < minimumWeights[j - 1]).ToList();
            if (below.Count == 0)
            {
                break;
            }

            foreach (var j in below)
            {
                (held[j], w[j]) = (true, minimumWeights![j - 1]);
            }
        }

        return w.All(double.IsFinite) ? w : null;
    }

    /// <summary>Row weights scaled to a mean of 1 (all 1 without weights), so the penalty means the same whatever the weighting.</summary>
    private static double[] Scaled(IReadOnlyList<double>? weights, int count)
    {
        var mean = weights is null ? 1 : weights.Average();
        return [.. Enumerable.Range(0, count).Select(i => weights is null || mean <= 0 ? 1 : weights[i] / mean)];
    }

    /// <summary>Weights of <paramref name="inputs"/> inputs starting from the smoothed event rate as intercept, the slopes at 0.</summary>
    private static double[] Start(int inputs, IReadOnlyList<bool> outcomes)
    {
        var prior = (outcomes.Count(o => o) + 0.5) / (outcomes.Count + 1.0);
        var w = new double[inputs + 1];
        w[0] = Math.Log(prior / (1 - prior));
        return w;
    }

    /// <summary>
    /// Damped Newton steps from <paramref name="start"/> until the penalised loss stops falling, the weights marked in
    /// <paramref name="held"/> (if any) kept as they are.
    /// </summary>
    private static double[] Newton(double[] start, double[][] rows, IReadOnlyList<bool> outcomes, double[] scaled, bool[] held)
    {
        var k = start.Length;
        var w = (double[])start.Clone();
        var loss = Loss(w, rows, outcomes, scaled);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var gradient = new double[k];
            var hessian = new double[k, k];
            for (var j = 1; j < k; j++)
            {
                gradient[j] = Ridge * w[j];
                hessian[j, j] = Ridge;
            }

            hessian[0, 0] = 1e-6;
            for (var i = 0; i < rows.Length; i++)
            {
                var x = rows[i];
                var p = Sigmoid(Dot(w, x));
                var error = scaled[i] * (p - (outcomes[i] ? 1 : 0));
                var v = scaled[i] * Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a < k; a++)
                {
                    gradient[a] += error * x[a];
                    for (var b = 0; b < k; b++)
                    {
                        hessian[a, b] += v * x[a] * x[b];
                    }
                }
            }

            // A held weight does not move: its row and column of the system become the identity, its gradient zero.
            for (var j = 0; j < k; j++)
            {
                if (!held[j])
                {
                    continue;
                }

                gradient[j] = 0;
                for (var b = 0; b < k; b++)
                {
                    (hessian[j, b], hessian[b, j]) = (0, 0);
                }

                hessian[j, j] = 1;
            }

            var step = Solve(hessian, gradient);
            if (step is null)
            {
                break;
            }

            // Damped Newton: halve the step until the penalised loss goes down (nearly separable rows overshoot into certainty).
            var accepted = false;
            var converged = false;
            for (var halving = 0; halving < MaxHalvings && !accepted; halving++)
            {
                var factor = Math.Pow(0.5, halving);
                var candidate = w.Select((value, j) => value - (factor * step[j])).ToArray();
                var candidateLoss = Loss(candidate, rows, outcomes, scaled);
                if (candidateLoss <= loss)
                {
                    accepted = true;
                    var change = loss - candidateLoss;
                    (w, loss) = (candidate, candidateLoss);
                    converged = change < 1e-10 * Math.Max(1, loss);
                }
            }

            if (converged || !accepted)
            {
                break;
            }
        }

        return w;
    }

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The inner product of weights and a row.</summary>
    public static double Dot(double[] w, double[] x)
    {
        double sum = 0;
        for (var j = 0; j < w.Length; j++)
        {
            sum += w[j] * x[j];
        }

        return sum;
    }

    /// <summary>Weighted log loss plus the ridge penalty (the intercept is not penalised).</summary>
    private static double Loss(double[] w, double[][] rows, IReadOnlyList<bool> outcomes, double[] weights)
    {
        var loss = 0.0;
        for (var j = 1; j < w.Length; j++)
        {
            loss += 0.5 * Ridge * w[j] * w[j];
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var z = Dot(w, rows[i]);
            // log(1 + e^z) - y z, written to stay finite for large |z|.
            var softplus = z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));
            loss += weights[i] * (softplus - (outcomes[i] ? z : 0));
        }

        return loss;
    }

    /// <summary>Gaussian elimination with partial pivoting; null for a singular matrix.</summary>
    private static double[]? Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (var j = 0; j < n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = a[row, col] / a[col, col];
                for (var j = col; j < n; j++)
                {
                    a[row, j] -= factor * a[col, j];
                }

                b[row] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var j = row + 1; j < n; j++)
            {
                sum -= a[row, j] * x[j];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }
}
