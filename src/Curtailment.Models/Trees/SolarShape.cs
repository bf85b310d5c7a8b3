using Curtailment.Features;

namespace Curtailment.Models.Trees;

/// <summary>
/// Redistributes part of each day's forecast energy along the shape of the day-ahead solar forecast raised to
/// <see cref="CurtailmentModelOptions.SolarShapeExponent"/>: <c>(1 - Share) * forecast + Share * day total * solar^k / sum(solar^k)</c>.
/// Solar curtailment is a midday surplus; the trees and the day-level model set a day's level well but blur where in
/// the day it falls, which the sharpened solar forecast locates. The day's total is unchanged; the step is kept only
/// where it helps on the held-out days (<see cref="Fit"/>), so a region whose curtailment does not follow the sun is left alone.
/// </summary>
/// <param name="Share">The share of each day's energy that follows the solar shape (0 to 1).</param>
/// <param name="Exponent">The exponent the solar forecast is raised to.</param>
public sealed record SolarShape(double Share, double Exponent)
{
    private static readonly int SolarIndex = FeatureSchema.IndexOf("solar_fc");
    private static readonly int HasForecastIndex = FeatureSchema.IndexOf("has_re_fc");

    /// <summary>
    /// The step with the options' share and exponent if, on the held-out days, it lowers the MAE of
    /// <paramref name="points"/> (the day-level forecasts) against <paramref name="actual"/>, rows weighted by
    /// <paramref name="weights"/>; null (no step) when the share or exponent is 0, no day has a solar forecast, or
    /// shaping does not help there (curtailment that does not follow the sun). The share itself is not fitted: a
    /// few weeks of held-out days move a fitted share from one retrain to the next by more than it gains.
    /// </summary>
    /// <param name="rows">The held-out rows' (masked) features.</param>
    /// <param name="rowDays">Each row's local day.</param>
    /// <param name="points">The forecasts as served before this step.</param>
    /// <param name="actual">The held-out actuals.</param>
    /// <param name="weights">Each row's weight (recency).</param>
    /// <param name="share">The share of each day's energy that follows the solar shape.</param>
    /// <param name="exponent">The exponent of the solar forecast.</param>
    public static SolarShape? Fit(
        IReadOnlyList<float[]> rows, IReadOnlyList<DateOnly> rowDays, IReadOnlyList<double> points, IReadOnlyList<double> actual, IReadOnlyList<double> weights,
        double share, double exponent)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rowDays);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(weights);
        if (share <= 0 || exponent <= 0 || !rows.Any(r => r[HasForecastIndex] > 0 && r[SolarIndex] > 0))
        {
            return null;
        }

        var candidate = new SolarShape(Math.Min(share, 1), exponent);
        var shaped = points.ToArray();
        candidate.Apply(rows, rowDays, shaped);
        return Mae(shaped, actual, weights) < Mae(points, actual, weights) ? candidate : null;
    }

    /// <summary>
    /// Shapes each local day of <paramref name="points"/> (one per row) that has a positive solar forecast; other days
    /// are left as they are.
    /// </summary>
    public void Apply(IReadOnlyList<float[]> rows, IReadOnlyList<DateOnly> rowDays, double[] points)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rowDays);
        ArgumentNullException.ThrowIfNull(points);
        foreach (var day in Enumerable.Range(0, rows.Count).GroupBy(j => rowDays[j]))
        {
            var peak = day.Max(Solar);
            if (!(peak > 0))
            {
                continue;
            }

            // Relative to the day's peak, so the power stays within range whatever the MW.
            var sharpened = day.ToDictionary(j => j, j => Math.Pow(Solar(j) / peak, Exponent));
            var sum = sharpened.Values.Sum();
            var total = day.Sum(j => points[j]);
            foreach (var j in day)
            {
                points[j] = ((1 - Share) * points[j]) + (Share * total * sharpened[j] / sum);
            }
        }

        double Solar(int j) => rows[j][HasForecastIndex] > 0 ? Math.Max(0, (double)rows[j][SolarIndex]) : 0;
    }

    private static double Mae(IReadOnlyList<double> forecast, IReadOnlyList<double> actual, IReadOnlyList<double> weights)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < forecast.Count; i++)
        {
            sum += weights[i] * Math.Abs(actual[i] - forecast[i]);
            total += weights[i];
        }

        return total > 0 ? sum / total : 0;
    }
}
