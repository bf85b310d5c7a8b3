namespace Curtailment.Models.Trees;

/// <summary>
/// Logistic recalibration of probabilities on held-out days: p' = sigmoid(A * logit(p) + B). Boosted
/// trees are over-confident on the rows they were fit to, so the fit uses rows they did not see.
/// </summary>
public sealed record PlattCalibration(double A, double B)
{
    /// <summary>No change.</summary>
    public static PlattCalibration Identity { get; } = new(1, 0);

    /// <summary>Fits A and B by Newton's method on the log loss (with a light ridge for stability).</summary>
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
        double a = 1, b = 0;
        const double ridge = 1e-3;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = ridge * (a - 1), gb = ridge * b, haa = ridge, hab = 0, hbb = ridge;
            for (var i = 0; i < x.Length; i++)
            {
                var p = Sigmoid((a * x[i]) + b);
                var error = p - (outcomes[i] ? 1 : 0);
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
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        return double.IsFinite(a) && double.IsFinite(b) ? new PlattCalibration(a, b) : Identity;
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
