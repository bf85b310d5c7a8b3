namespace Curtailment.Models.Trees;

/// <summary>
/// Event probability as a logistic function of the final point forecast (log MW relative to the threshold) and, where
/// the region has transmission boundaries, of the flow across its main boundary at the end of the last known day,
/// fitted on held-out recent days with recent days weighted more: the point forecast already orders the intervals
/// (across days too, with the day-level model), the boundary flow orders days where a few weeks of history leave the
/// point forecast flat, and the fit says how often such forecasts came true lately. Recent event frequencies and the
/// residual-based probability are left out: as inputs they blur that order (ADR 0010).
/// </summary>
public sealed record EventProbabilityModel(double[] Weights)
{
    private const double Ridge = 1.0;

    /// <summary>The smallest slope on the forecast score: enough to order intervals, too little to move a probability.</summary>
    public const double MinimumSlope = 1e-3;

    /// <summary>Number of inputs (without the intercept).</summary>
    public const int Inputs = 2;

    /// <summary>
    /// The least weight of each input. A larger forecast, or more flow pressing on the boundary, never makes an event
    /// less likely: a held-out stretch where it did (a few weeks of thin history) would invert the ranking for every
    /// day after. An input below its least weight is held there and the others are fitted again.
    /// </summary>
    private static readonly double[] MinimumWeights = [MinimumSlope, 0];

    /// <summary>The scores the logistic model reads, in a fixed order.</summary>
    /// <param name="predicted">The final point forecast, MW.</param>
    /// <param name="threshold">The event threshold, MW.</param>
    /// <param name="mainBoundaryFlowMw">The main boundary's recent flow (<c>transmission_main_flow_recent_mw</c>); 0 without boundaries.</param>
    public static double[] Scores(double predicted, double threshold, double mainBoundaryFlowMw = 0)
    {
        var scale = double.LogP1(Math.Max(1, threshold));
        // In GW, so the ridge penalty weighs it like the forecast score (a few units).
        return [(double.LogP1(Math.Max(0, predicted)) - scale) / scale * 4, mainBoundaryFlowMw / 1000];
    }

    /// <summary>
    /// Ridge-penalised logistic regression by Newton steps, each weight held at or above its least value; with a
    /// single outcome class it returns null (the caller keeps the residual probabilities).
    /// </summary>
    public static EventProbabilityModel? Fit(IReadOnlyList<double[]> scores, IReadOnlyList<bool> outcomes, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (weights is not null && weights.Count != scores.Count)
        {
            throw new ArgumentException($"{weights.Count} weights for {scores.Count} rows.", nameof(weights));
        }

        var positives = outcomes.Count(o => o);
        if (positives == 0 || positives == outcomes.Count)
        {
            return null;
        }

        // Weights scaled to a mean of 1, so the ridge penalty means the same whatever the weighting.
        var mean = weights is null ? 1 : weights.Average();
        var scaled = Enumerable.Range(0, scores.Count).Select(i => weights is null || mean <= 0 ? 1 : weights[i] / mean).ToArray();
        var rows = scores.Select(Row).ToArray();
        var prior = (positives + 0.5) / (outcomes.Count + 1.0);
        var w = new double[Inputs + 1];
        w[0] = Math.Log(prior / (1 - prior));
        var held = new bool[Inputs + 1];
        for (var pass = 0; pass <= Inputs; pass++)
        {
            w = Newton(w, held, rows, outcomes, scaled);
            var below = Enumerable.Range(1, Inputs).Where(j => !held[j] && w[j] < MinimumWeights[j - 1]).ToList();
            if (below.Count == 0)
            {
                break;
            }

            foreach (var j in below)
            {
                (held[j], w[j]) = (true, MinimumWeights[j - 1]);
            }
        }

        return w.All(double.IsFinite) ? new EventProbabilityModel(w) : null;
    }

    /// <summary>Damped Newton steps from <paramref name="start"/>, the weights marked in <paramref name="held"/> kept as they are.</summary>
    private static double[] Newton(double[] start, bool[] held, double[][] rows, IReadOnlyList<bool> outcomes, double[] scaled)
    {
        var k = start.Length;
        var w = (double[])start.Clone();
        var loss = Loss(w, rows, outcomes, scaled);
        var converged = false;
        for (var iteration = 0; iteration < 50 && !converged; iteration++)
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

            // Damped Newton: halve the step until the penalised loss goes down (a nearly separable
            // hold-out otherwise overshoots into certainty).
            var accepted = false;
            for (var halving = 0; halving < 20 && !accepted; halving++)
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

            converged |= !accepted;
        }

        return w;
    }

    /// <summary>The probability of an event given the scores of <see cref="Scores"/>.</summary>
    public double Apply(double[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Math.Clamp(Sigmoid(Dot(Weights, Row(scores))), 1e-4, 1 - 1e-4);
    }

    private static double[] Row(double[] scores) => [1, .. scores];

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

    private static double Dot(double[] w, double[] x)
    {
        double sum = 0;
        for (var j = 0; j < w.Length; j++)
        {
            sum += w[j] * x[j];
        }

        return sum;
    }

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

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
