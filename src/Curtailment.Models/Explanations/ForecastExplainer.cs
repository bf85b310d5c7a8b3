using Curtailment.Core.Forecasts;
using Curtailment.Features;
using Curtailment.Models.Forecasting;
using Curtailment.Models.Trees;

namespace Curtailment.Models.Explanations;

/// <summary>
/// Names, per local day of a forecast, the features that moved the day's level most: the trees' per-row feature
/// contributions, each row weighted by its share of the day's forecast energy so that the hours that matter to a
/// scheduler dominate. Forecasters without contributions (baselines) explain nothing.
/// </summary>
public static class ForecastExplainer
{
    /// <summary>How many drivers each day names.</summary>
    public const int DriversPerDay = 3;

    /// <summary>The explanations of <paramref name="forecast"/>, one per local day in <paramref name="features"/>, in date order.</summary>
    /// <param name="forecaster">The forecaster that produced <paramref name="forecast"/>.</param>
    /// <param name="features">The rows it scored.</param>
    /// <param name="forecast">Its forecast, one per row.</param>
    /// <param name="zone">The region's time zone, for the clock times in the text.</param>
    public static IReadOnlyList<DayExplanation> Explain(
        ICurtailmentForecaster forecaster, FeatureFrame features, IReadOnlyList<IntervalForecast> forecast, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(zone);
        if (forecaster is not CurtailmentModel model || features.Count == 0)
        {
            return [];
        }

        if (forecast.Count != features.Count)
        {
            throw new ArgumentException($"{forecast.Count} forecasts for {features.Count} feature rows.", nameof(forecast));
        }

        var contributions = model.FeatureContributions(features);
        return features.LocalDays
            .Select((day, row) => (day, row))
            .GroupBy(r => r.day, r => r.row)
            .OrderBy(g => g.Key)
            .Select(g => new DayExplanation(g.Key, Drivers(features, forecast, contributions, [.. g], zone)))
            .ToList();
    }

    /// <summary>The day's drivers: the features with the largest absolute weighted contribution, strongest first.</summary>
    internal static IReadOnlyList<ForecastDriver> Drivers(
        FeatureFrame features, IReadOnlyList<IntervalForecast> forecast, float[][] contributions, int[] rows, TimeZoneInfo zone)
    {
        var weights = Weights(forecast, rows);
        var names = FeatureSchema.Names;
        var totals = new double[names.Count];
        for (var k = 0; k < rows.Length; k++)
        {
            var row = contributions[rows[k]];
            for (var j = 0; j < totals.Length; j++)
            {
                totals[j] += weights[k] * row[j];
            }
        }

        return Enumerable.Range(0, totals.Length)
            .Where(j => totals[j] != 0)
            .OrderByDescending(j => Math.Abs(totals[j]))
            .ThenBy(j => j)
            .Take(DriversPerDay)
            .Select(j =>
            {
                var effect = totals[j] > 0 ? DriverEffect.Raises : DriverEffect.Lowers;
                // The row where the feature pushed hardest in the day's direction is the one worth quoting.
                var sign = Math.Sign(totals[j]);
                var strongest = Enumerable.Range(0, rows.Length).MaxBy(k => sign * weights[k] * contributions[rows[k]][j]);
                var at = rows[strongest];
                var value = features.Column(names[j])[at] ?? 0f;
                var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(features.IntervalStarts[at], zone).DateTime);
                return new ForecastDriver(names[j], effect, FeatureDescriptions.Phrase(names[j], effect, value, local));
            })
            .ToList();
    }

    /// <summary>Each row's share of the day's forecast energy; equal shares on a day forecast at zero.</summary>
    private static double[] Weights(IReadOnlyList<IntervalForecast> forecast, int[] rows)
    {
        var mw = rows.Select(r => Math.Max(0, forecast[r].PredictedMw)).ToArray();
        var total = mw.Sum();
        return total > 0 ? [.. mw.Select(v => v / total)] : [.. mw.Select(_ => 1.0 / mw.Length)];
    }
}
