namespace Curtailment.Models.Trees;

/// <summary>
/// Logistic recalibration of probabilities on held-out days: p' = sigmoid(A * logit(p) + B). Boosted
/// trees are over-confident on the rows they were fit to, so the fit uses rows they did not see.
/// </summary>
public sealed record PlattCalibration(double A, double B)
{
    /// <summary>No change.</summary>
    public static PlattCalibration Identity { get; } = new(1, 0);

    /// <summary>Fits A and B by damped Newton steps on the log loss (with a light ridge towards the identity).</summary>
    public static PlattCalibration Fit(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(outcomes);
        var positives = outcomes.Count(o => o);
        if (positives == 0 || positives == outcomes.Count)
        {
            return Identity;
        }

        var x = probabilities.Select(Logit).ToArray();
        var y = outcomes.Select(o => o ? 1.0 : 0.0).ToArray();
        double a = 1, b = 0;
        var loss = Loss(x, y, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = Ridge * (a - 1), gb = Ridge * b, haa = Ridge, hab = 0, hbb = Ridge;
            for (var i = 0; i < x.Length; i++)
            {
                var p = Sigmoid((a * x[i]) + b);
                var error = p - y[i];
                var w = Math.Max(p * (1 - p), 1e-12);
                ga += error * x[i];
                gb += error;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }

            var det = (haa * hbb) - (hab * hab);
            if (Math.Abs(det) < 1e-18)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            // Backtracking: separable data make full Newton steps overshoot.
            var step = 1.0;
            var next = Loss(x, y, a - da, b - db);
            while (next > loss && step > 1e-6)
            {
                step /= 2;
                next = Loss(x, y, a - (step * da), b - (step * db));
            }

            a -= step * da;
            b -= step * db;
            var improvement = loss - next;
            loss = next;
            if (improvement < 1e-10)
            {
                break;
            }
        }

        return double.IsFinite(a) && double.IsFinite(b) ? new PlattCalibration(a, b) : Identity;
    }

    private const double Ridge = 1e-2;

    private static double Loss(double[] x, double[] y, double a, double b)
    {
        var loss = (Ridge / 2 * (((a - 1) * (a - 1)) + (b * b)));
        for (var i = 0; i < x.Length; i++)
        {
            var z = (a * x[i]) + b;
            // log(1 + e^z) - y z, computed without overflow.
            loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (y[i] * z);
        }

        return loss;
    }

    /// <summary>The recalibrated probability.</summary>
    public double Apply(double probability) => Sigmoid((A * Logit(probability)) + B);

    private static double Logit(double p)
    {
        var clamped = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(clamped / (1 - clamped));
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
