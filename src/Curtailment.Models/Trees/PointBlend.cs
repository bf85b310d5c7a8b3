namespace Curtailment.Models.Trees;

/// <summary>
/// Stacks the tree forecast with the week-profile baseline: <c>Model * tree + Baseline * week_profile</c>,
/// the weights chosen on held-out recent days to minimise MAE. When the trees over- or under-shoot a
/// season (or a sparse, spiky target with rare events), the weights shrink towards the
/// baseline or towards zero instead of passing the error on.
/// </summary>
public sealed record PointBlend(double Model, double Baseline)
{
    /// <summary>The tree forecast unchanged (but for <see cref="BaselineShapeShare"/>).</summary>
    public static PointBlend Identity { get; } = new(1, 0);

    /// <summary>
    /// Share of the week profile that every forecast keeps whatever the weights: a thousandth, too little to move the
    /// MW, but where the blend shrinks a quiet stretch to zero (rare events make zero the MAE-best forecast), the day's
    /// intervals are still ordered as the week profile orders them, so its likeliest window and the ranking of its event
    /// probabilities survive instead of a flat zero.
    /// </summary>
    public const double BaselineShapeShare = 0.001;

    private const double GridStep = 0.05;
    private const double MaxWeight = 1.5;

    /// <summary>
    /// Grid search of the two non-negative weights minimising the held-out MAE (weighted per row when
    /// <paramref name="weights"/> is given, e.g. recent days more); ties keep the weights
    /// closest to the identity, so an uninformative hold-out changes nothing.
    /// </summary>
    public static PointBlend Fit(IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<double> actual, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(actual);
        if (model.Count == 0 || model.Count != baseline.Count || model.Count != actual.Count || (weights is not null && weights.Count != model.Count))
        {
            return Identity;
        }

        weights ??= Enumerable.Repeat(1.0, model.Count).ToArray();

        var best = Identity;
        var bestMae = Mae(model, baseline, actual, weights, 1, 0);
        var steps = (int)Math.Round(MaxWeight / GridStep);
        for (var a = 0; a <= steps; a++)
        {
            for (var b = 0; b <= steps; b++)
            {
                var (wa, wb) = (a * GridStep, b * GridStep);
                var mae = Mae(model, baseline, actual, weights, wa, wb);
                // Require a real gain over the identity (0.5%) so noise alone does not move the weights.
                if (mae < bestMae * (best == Identity ? 0.995 : 1) - 1e-9)
                {
                    (best, bestMae) = (new PointBlend(wa, wb), mae);
                }
            }
        }

        return best;
    }

    /// <summary>The blended forecast, never negative.</summary>
    public double Apply(double model, double baseline) => Blend(model, baseline, Model, Baseline);

    private static double Blend(double model, double baseline, double modelWeight, double baselineWeight)
    {
        var profile = Math.Max(0, baseline);
        return Math.Max(0, (modelWeight * model) + (baselineWeight * profile)) + (BaselineShapeShare * profile);
    }

    private static double Mae(IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<double> actual, IReadOnlyList<double> weights, double a, double b)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < model.Count; i++)
        {
            sum += weights[i] * Math.Abs(actual[i] - Blend(model[i], baseline[i], a, b));
            total += weights[i];
        }

        return total > 0 ? sum / total : 0;
    }
}
