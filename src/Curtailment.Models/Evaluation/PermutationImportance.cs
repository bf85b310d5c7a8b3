using Curtailment.Features;
using Curtailment.Models.Forecasting;
using Microsoft.Data.Analysis;

namespace Curtailment.Models.Evaluation;

/// <summary>
/// Permutation importance: how much a forecaster's MAE grows when one feature's values are shuffled
/// across all rows (breaking its link to the target while keeping its distribution). Model-agnostic.
/// </summary>
public static class PermutationImportance
{
    /// <summary>MAE increase per feature (MW), largest first, over days of features with their actuals.</summary>
    public static IReadOnlyList<(string Feature, double MaeIncreaseMw)> Compute(
        ICurtailmentForecaster forecaster, IReadOnlyList<(FeatureFrame Features, double[] Actual)> days, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(days);
        var baseline = Mae(forecaster, days.Select(d => d.Features).ToList(), days);
        var random = new Random(seed);
        var result = new List<(string, double)>();
        foreach (var name in FeatureSchema.Names)
        {
            // One permutation across all rows of all days.
            var pooled = days.SelectMany(d => d.Features.Column(name)).ToArray();
            random.Shuffle(pooled);
            var offset = 0;
            var shuffled = new List<FeatureFrame>(days.Count);
            foreach (var (frame, _) in days)
            {
                var clone = frame.Frame.Clone();
                var index = clone.Columns.IndexOf(name);
                clone.Columns[index] = new SingleDataFrameColumn(name, pooled.Skip(offset).Take(frame.Count).Select(v => v ?? 0f));
                offset += frame.Count;
                shuffled.Add(new FeatureFrame(clone, frame.IntervalStarts, frame.Step, frame.IssuedAt, frame.LocalDays));
            }

            result.Add((name, Mae(forecaster, shuffled, days) - baseline));
        }

        return result.OrderByDescending(r => r.Item2).ToList();
    }

    private static double Mae(ICurtailmentForecaster forecaster, IReadOnlyList<FeatureFrame> frames, IReadOnlyList<(FeatureFrame Features, double[] Actual)> days)
    {
        double sum = 0;
        var count = 0;
        for (var d = 0; d < frames.Count; d++)
        {
            var forecast = forecaster.Predict(frames[d]);
            for (var i = 0; i < forecast.Count; i++)
            {
                var actual = days[d].Actual[i];
                if (!double.IsNaN(actual))
                {
                    sum += Math.Abs(actual - forecast[i].PredictedMw);
                    count++;
                }
            }
        }

        return count > 0 ? sum / count : double.NaN;
    }
}
