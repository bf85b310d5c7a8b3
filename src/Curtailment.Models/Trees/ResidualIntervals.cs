namespace Curtailment.Models.Trees;

/// <summary>
/// Split-conformal 80% intervals: 10th and 90th percentiles of held-out residuals in log(1 + MW)
/// space, per band of predicted MW (a 20 MW and a 2,000 MW forecast err very differently).
/// </summary>
public sealed record ResidualIntervals(double[] BandEdges, double[] Lower, double[] Upper, double[][] Quantiles)
{
    private static readonly double[] DefaultEdges = [10, 50, 200, 500, 1000, 2000];
    private const int MinimumPerBand = 30;

    /// <summary>Fits the quantiles from held-out predictions and actuals.</summary>
    public static ResidualIntervals Fit(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        var residuals = predicted.Select((p, i) => (Band: Band(DefaultEdges, p), R: double.LogP1(Math.Max(0, actual[i])) - double.LogP1(Math.Max(0, p)))).ToList();
        // Each list is sorted once; its 99 percentiles are then read off it.
        var pooled = residuals.Select(r => r.R).Order().ToArray();
        var lower = new double[DefaultEdges.Length + 1];
        var upper = new double[DefaultEdges.Length + 1];
        var quantiles = new double[DefaultEdges.Length + 1][];
        for (var band = 0; band <= DefaultEdges.Length; band++)
        {
            var inBand = residuals.Where(r => r.Band == band).Select(r => r.R).Order().ToArray();
            var source = inBand.Length >= MinimumPerBand ? inBand : pooled;
            (lower[band], upper[band]) = source.Length > 0 ? (Quantile(source, 0.1), Quantile(source, 0.9)) : (0, 0);
            quantiles[band] = source.Length > 0 ? Enumerable.Range(1, 99).Select(q => Quantile(source, q / 100.0)).ToArray() : new double[99];
        }

        return new ResidualIntervals(DefaultEdges, lower, upper, quantiles);
    }

    /// <summary>The 80% interval around a point forecast.</summary>
    public (double Lower, double Upper) Around(double predicted)
    {
        var band = Band(BandEdges, predicted);
        var log = double.LogP1(Math.Max(0, predicted));
        var low = Math.Max(0, double.ExpM1(log + Lower[band]));
        var high = Math.Max(0, double.ExpM1(log + Upper[band]));
        return (Math.Min(low, predicted), Math.Max(high, predicted));
    }

    /// <summary>
    /// Probability that the actual reaches <paramref name="threshold"/> given a point forecast: the
    /// share of held-out residuals of its band that would carry the forecast there.
    /// </summary>
    public double ProbabilityAtLeast(double predicted, double threshold)
    {
        var needed = double.LogP1(Math.Max(0, threshold)) - double.LogP1(Math.Max(0, predicted));
        var quantiles = Quantiles[Band(BandEdges, predicted)];
        var above = quantiles.Count(q => q >= needed);
        // 99 percentiles: keep away from 0 and 1 so a log loss never sees certainty.
        return (above + 0.5) / (quantiles.Length + 1.0);
    }

    private static int Band(double[] edges, double value)
    {
        var band = 0;
        while (band < edges.Length && value >= edges[band])
        {
            band++;
        }

        return band;
    }

    /// <summary>Linear-interpolated quantile of an ascending array.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(sorted.Length - 1, below + 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
