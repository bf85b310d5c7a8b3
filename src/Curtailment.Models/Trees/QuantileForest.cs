using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Curtailment.Models.Trees;

/// <summary>
/// 80% intervals from a quantile regression forest of the held-out residuals (log(1 + actual) − log(1 + forecast)) on
/// the row's features and its forecast: FastForest grows the trees, and each leaf keeps the 10th and 90th percentiles of
/// the residuals that fall in it; a row's bounds are the means over the trees of its leaves' percentiles. Unlike the
/// banded residuals of <see cref="ResidualIntervals"/>, the width can follow the time of day, the drivers and the
/// history, not the forecast MW alone. Fitted on rows the point model did not see (the held-out blocks).
/// </summary>
/// <param name="Trees">The trees with their leaves' percentiles.</param>
public sealed record QuantileForest(IReadOnlyList<QuantileForest.Tree> Trees)
{
    /// <summary>The fewest held-out rows a forest is grown on; below it the banded residuals serve.</summary>
    public const int MinimumRows = 200;

    private const int TreeCount = 40;
    private const int LeavesPerTree = 16;

    /// <summary>One tree: FastTree's node arrays (a negative child <c>~k</c> is leaf k) and each leaf's percentiles.</summary>
    /// <param name="Left">Child taken when the feature is at most the threshold.</param>
    /// <param name="Right">Child taken otherwise.</param>
    /// <param name="Feature">Feature index of each node's split.</param>
    /// <param name="Threshold">Threshold of each node's split.</param>
    /// <param name="Lower">10th percentile of the residuals in each leaf.</param>
    /// <param name="Upper">90th percentile of the residuals in each leaf.</param>
    public sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Lower, double[] Upper)
    {
        /// <summary>The leaf a row falls in.</summary>
        public int Leaf(float[] inputs)
        {
            if (Left.Length == 0)
            {
                return 0;
            }

            var node = 0;
            while (node >= 0)
            {
                node = inputs[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            }

            return ~node;
        }
    }

    /// <summary>
    /// Grows the forest on held-out rows; null with fewer than <see cref="MinimumRows"/> rows.
    /// </summary>
    /// <param name="rows">The rows' (masked) features.</param>
    /// <param name="predicted">The final point forecast of each row, made without its day.</param>
    /// <param name="actual">The actual of each row.</param>
    /// <param name="seed">Seed of the forest's sampling.</param>
    public static QuantileForest? Fit(IReadOnlyList<float[]> rows, IReadOnlyList<double> predicted, IReadOnlyList<double> actual, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Count != rows.Count || actual.Count != rows.Count)
        {
            throw new ArgumentException($"{rows.Count} rows, {predicted.Count} forecasts and {actual.Count} actuals.", nameof(actual));
        }

        if (rows.Count < MinimumRows)
        {
            return null;
        }

        var inputs = Enumerable.Range(0, rows.Count).Select(i => Inputs(rows[i], predicted[i])).ToList();
        var residuals = Enumerable.Range(0, rows.Count).Select(i => double.LogP1(Math.Max(0, actual[i])) - double.LogP1(Math.Max(0, predicted[i]))).ToArray();
        var context = new MLContext(seed);
        var size = inputs[0].Length;
        var view = ModelRow.ToDataView(context, inputs.Select((x, i) => new ModelRow { Features = x, Label = (float)residuals[i], Weight = 1 }), size);
        var forest = context.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            LabelColumnName = nameof(ModelRow.Label),
            FeatureColumnName = nameof(ModelRow.Features),
            NumberOfTrees = TreeCount,
            NumberOfLeaves = LeavesPerTree,
            // Leaves big enough that their 10th and 90th percentiles are estimates, not single rows.
            MinimumExampleCountPerLeaf = Math.Max(30, rows.Count / 50),
            Seed = seed,
            NumberOfThreads = 1,
        }).Fit(view);

        var trees = new List<Tree>(TreeCount);
        foreach (var grown in forest.Model.TrainedTreeEnsemble.Trees)
        {
            var tree = new Tree([.. grown.LeftChild], [.. grown.RightChild], [.. grown.NumericalSplitFeatureIndexes], [.. grown.NumericalSplitThresholds], [], []);
            var byLeaf = new List<double>[Math.Max(1, grown.NumberOfLeaves)];
            for (var leaf = 0; leaf < byLeaf.Length; leaf++)
            {
                byLeaf[leaf] = [];
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                byLeaf[tree.Leaf(inputs[i])].Add(residuals[i]);
            }

            var sortedAll = residuals.Order().ToArray();
            var sorted = byLeaf.Select(l => l.Count > 0 ? l.Order().ToArray() : sortedAll).ToArray();
            trees.Add(tree with { Lower = [.. sorted.Select(s => Quantile(s, 0.1))], Upper = [.. sorted.Select(s => Quantile(s, 0.9))] });
        }

        return new QuantileForest(trees);
    }

    /// <summary>The 80% interval around a row's point forecast.</summary>
    public (double Lower, double Upper) Around(float[] row, double predicted)
    {
        ArgumentNullException.ThrowIfNull(row);
        var inputs = Inputs(row, predicted);
        double lower = 0, upper = 0;
        foreach (var tree in Trees)
        {
            var leaf = tree.Leaf(inputs);
            lower += tree.Lower[leaf];
            upper += tree.Upper[leaf];
        }

        var log = double.LogP1(Math.Max(0, predicted));
        var low = Math.Max(0, double.ExpM1(log + (lower / Trees.Count)));
        var high = Math.Max(0, double.ExpM1(log + (upper / Trees.Count)));
        return (Math.Min(low, predicted), Math.Max(high, predicted));
    }

    /// <summary>What the forest reads: the row's features and log(1 + forecast) last.</summary>
    private static float[] Inputs(float[] row, double predicted)
    {
        var inputs = new float[row.Length + 1];
        row.CopyTo(inputs, 0);
        inputs[^1] = (float)double.LogP1(Math.Max(0, predicted));
        return inputs;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
