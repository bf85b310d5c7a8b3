namespace Curtailment.Models.Trees;

/// <summary>
/// Isotonic recalibration of probabilities on held-out days: the weighted event rate of the scores, made monotone by
/// pooling adjacent violators, read between the pooled blocks' mean scores by linear interpolation (so scores that
/// differ keep their order unless a block pools them). Fitted on rows the classifier did not see.
/// </summary>
/// <param name="Scores">Mean raw score of each pooled block, ascending.</param>
/// <param name="Probabilities">Event rate of each pooled block, non-decreasing.</param>
public sealed record IsotonicCalibration(double[] Scores, double[] Probabilities)
{
    /// <summary>Keeps probabilities away from 0 and 1: a block without events says "rare", not "never".</summary>
    private const double Floor = 1e-4;

    /// <summary>
    /// Fits the map; null with a single outcome class (nothing to calibrate against).
    /// </summary>
    /// <param name="probabilities">Raw scores of the held-out rows.</param>
    /// <param name="outcomes">Whether each row was an event.</param>
    /// <param name="weights">Row weights (null: equal).</param>
    public static IsotonicCalibration? Fit(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count != probabilities.Count)
        {
            throw new ArgumentException($"{outcomes.Count} outcomes for {probabilities.Count} scores.", nameof(outcomes));
        }

        if (weights is not null && weights.Count != probabilities.Count)
        {
            throw new ArgumentException($"{weights.Count} weights for {probabilities.Count} scores.", nameof(weights));
        }

        var positives = outcomes.Count(o => o);
        if (positives == 0 || positives == outcomes.Count)
        {
            return null;
        }

        // Rows of equal score form one group first (ties must share one value, whatever their order), then groups
        // are pooled while one's rate falls below its predecessor's.
        var order = Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i]).ToArray();
        var groups = new List<(double ScoreSum, double EventSum, double Weight)>();
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var w = weights is null ? 1 : Math.Max(0, weights[i]);
            var row = (w * probabilities[i], outcomes[i] ? w : 0, w);
            if (k > 0 && probabilities[order[k - 1]] == probabilities[i])
            {
                groups[^1] = (groups[^1].ScoreSum + row.Item1, groups[^1].EventSum + row.Item2, groups[^1].Weight + w);
            }
            else
            {
                groups.Add(row);
            }
        }

        var blocks = new List<(double ScoreSum, double EventSum, double Weight)>();
        foreach (var group in groups)
        {
            blocks.Add(group);
            while (blocks.Count > 1 && Rate(blocks[^1]) < Rate(blocks[^2]))
            {
                var (s1, e1, n1) = blocks[^2];
                var (s2, e2, n2) = blocks[^1];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (s1 + s2, e1 + e2, n1 + n2);
            }
        }

        var kept = blocks.Where(b => b.Weight > 0).ToList();
        return new IsotonicCalibration(
            [.. kept.Select(b => b.ScoreSum / b.Weight)],
            [.. kept.Select(b => Math.Clamp(Rate(b), Floor, 1 - Floor))]);
    }

    private static double Rate((double ScoreSum, double EventSum, double Weight) block) => block.Weight > 0 ? block.EventSum / block.Weight : 0;

    /// <summary>The recalibrated probability: flat beyond the first and last block, linear between blocks.</summary>
    public double Apply(double probability)
    {
        if (Scores.Length == 0)
        {
            return probability;
        }

        if (probability <= Scores[0])
        {
            return Probabilities[0];
        }

        if (probability >= Scores[^1])
        {
            return Probabilities[^1];
        }

        var above = Array.BinarySearch(Scores, probability);
        if (above >= 0)
        {
            return Probabilities[above];
        }

        above = ~above;
        var below = above - 1;
        var t = (probability - Scores[below]) / (Scores[above] - Scores[below]);
        return Probabilities[below] + (t * (Probabilities[above] - Probabilities[below]));
    }
}
