namespace Curtailment.Models.Trees;

/// <summary>
/// Stacks the tree forecast with two baselines: <c>Model * tree + Baseline * week_profile + Recent * recent_level</c>,
/// the weights chosen on held-out recent days to minimise MAE. When the trees over- or under-shoot a season (or a
/// sparse, spiky target with rare events), the weights shrink towards a baseline or towards zero instead of passing
/// the error on. The recent level is the target's mean over the last hours known at issue: where labels are published
/// within the hour and the target follows weather regimes that outlast a day (wind behind a transmission boundary),
/// it says more about the next day than a week profile does; where the last known hours are two nights ago it is
/// zero and takes no weight.
/// </summary>
public sealed record PointBlend(double Model, double Baseline, double Recent = 0)
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

    /// <summary>Relative MAE gain a weight change must bring over the weights it replaces, so noise alone does not move them.</summary>
    private const double RequiredGain = 0.005;

    private const double GridStep = 0.05;
    private const double MaxWeight = 1.5;

    /// <summary>
    /// Grid search of the non-negative weights minimising the held-out MAE (weighted per row when
    /// <paramref name="weights"/> is given, e.g. recent days more). Ties keep the weights closest to the identity, and
    /// the recent level takes weight only where it beats the best blend of trees and week profile by
    /// <see cref="RequiredGain"/>: an uninformative hold-out changes nothing. A blend that does not clearly beat a zero
    /// forecast (<see cref="BeatsZero"/>) gives way to zero (but for <see cref="BaselineShapeShare"/>).
    /// </summary>
    public static PointBlend Fit(
        IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<double> recent, IReadOnlyList<double> actual, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(actual);
        var n = model.Count;
        if (n == 0 || baseline.Count != n || recent.Count != n || actual.Count != n || (weights is not null && weights.Count != n))
        {
            return Identity;
        }

        weights ??= Enumerable.Repeat(1.0, n).ToArray();
        var steps = (int)Math.Round(MaxWeight / GridStep);
        var (best, bestMae) = BestOfGrid(model, baseline, recent, actual, weights, steps, 0, Identity);
        if (recent.Any(r => r > 0))
        {
            var (withRecent, withRecentMae) = BestOfGrid(model, baseline, recent, actual, weights, steps, 1, best);
            if (withRecentMae < (bestMae * (1 - RequiredGain)) - 1e-9)
            {
                best = withRecent;
            }
        }

        return BeatsZero(model, baseline, recent, actual, weights, best) ? best : new PointBlend(0, 0);
    }

    /// <summary>
    /// Where events are rare, zero is a strong forecast of its own: the blend is kept only if its held-out MAE is below
    /// zero's by <see cref="RequiredGain"/>.
    /// </summary>
    private static bool BeatsZero(
        IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<double> recent, IReadOnlyList<double> actual, IReadOnlyList<double> weights, PointBlend blend)
    {
        var zeroMae = Mae(model, baseline, recent, actual, weights, new PointBlend(0, 0));
        return Mae(model, baseline, recent, actual, weights, blend) < (zeroMae * (1 - RequiredGain)) - 1e-9;
    }

    /// <summary>The blended forecast, never negative.</summary>
    public double Apply(double model, double baseline, double recent) => Blend(model, baseline, recent, Model, Baseline, Recent);

    /// <summary>
    /// The best weights on the grid: the recent level's weight fixed at 0 (<paramref name="firstRecentStep"/> 0 and a
    /// start at the identity, which any move must beat by <see cref="RequiredGain"/>) or searched from its first step.
    /// </summary>
    private static (PointBlend Best, double Mae) BestOfGrid(
        IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<double> recent, IReadOnlyList<double> actual, IReadOnlyList<double> weights,
        int steps, int firstRecentStep, PointBlend start)
    {
        var best = start;
        var bestMae = Mae(model, baseline, recent, actual, weights, start);
        var lastRecentStep = firstRecentStep == 0 ? 0 : steps;
        for (var r = firstRecentStep; r <= lastRecentStep; r++)
        {
            for (var a = 0; a <= steps; a++)
            {
                for (var b = 0; b <= steps; b++)
                {
                    var candidate = new PointBlend(a * GridStep, b * GridStep, r * GridStep);
                    var mae = Mae(model, baseline, recent, actual, weights, candidate);
                    var required = best == Identity ? 1 - RequiredGain : 1;
                    if (mae < (bestMae * required) - 1e-9)
                    {
                        (best, bestMae) = (candidate, mae);
                    }
                }
            }
        }

        return (best, bestMae);
    }

    private static double Blend(double model, double baseline, double recent, double modelWeight, double baselineWeight, double recentWeight)
    {
        var profile = Math.Max(0, baseline);
        return Math.Max(0, (modelWeight * model) + (baselineWeight * profile) + (recentWeight * Math.Max(0, recent))) + (BaselineShapeShare * profile);
    }

    private static double Mae(
        IReadOnlyList<double> model, IReadOnlyList<double> baseline, IReadOnlyList<double> recent, IReadOnlyList<double> actual, IReadOnlyList<double> weights, PointBlend blend)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < model.Count; i++)
        {
            sum += weights[i] * Math.Abs(actual[i] - Blend(model[i], baseline[i], recent[i], blend.Model, blend.Baseline, blend.Recent));
            total += weights[i];
        }

        return total > 0 ? sum / total : 0;
    }
}
