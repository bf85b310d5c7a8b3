namespace Curtailment.Models.Evaluation;

/// <summary>
/// The metrics of <c>shared/eval/PROTOCOL.md</c>, computed the way its <c>score.py</c> computes them (ties in
/// AUCs averaged, capture over days with at least 100 MWh in the best window, first best window on ties).
/// </summary>
public static class MetricsCalculator
{
    /// <summary>Computes the metrics of <paramref name="rows"/>; <paramref name="isEvent"/> is the region's event rule.</summary>
    public static ForecastMetrics Compute(IReadOnlyList<ScoredInterval> rows, Func<double, bool> isEvent, TimeSpan step, double windowHours = 3)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(isEvent);
        var n = rows.Count;
        if (n == 0)
        {
            return new ForecastMetrics { MaeMw = double.NaN, RmseMw = double.NaN, RocAuc = double.NaN, PrAuc = double.NaN, Brier = double.NaN, BrierSkill = double.NaN, IntervalCoverage = double.NaN, IntervalMeanWidthMw = double.NaN, SchedulerCapture = double.NaN };
        }

        var labels = rows.Select(r => isEvent(r.Actual)).ToArray();
        var probabilities = rows.Select(r => r.Probability).ToArray();
        var brier = rows.Select((r, i) => Math.Pow(r.Probability - (labels[i] ? 1 : 0), 2)).Average();
        var brierClimatology = rows.Select((r, i) => Math.Pow(r.Climatology - (labels[i] ? 1 : 0), 2)).Average();
        var (capture, captureDays) = SchedulerCapture(rows, step, windowHours);
        return new ForecastMetrics
        {
            Intervals = n,
            Days = rows.Select(r => r.Day).Distinct().Count(),
            EventRate = labels.Count(l => l) / (double)n,
            MaeMw = rows.Average(r => Math.Abs(r.Actual - r.Predicted)),
            RmseMw = Math.Sqrt(rows.Average(r => Math.Pow(r.Actual - r.Predicted, 2))),
            RocAuc = RocAuc(probabilities, labels),
            PrAuc = AveragePrecision(probabilities, labels),
            Brier = brier,
            BrierSkill = brierClimatology > 0 ? 1 - (brier / brierClimatology) : double.NaN,
            IntervalCoverage = rows.Count(r => r.Lower <= r.Actual && r.Actual <= r.Upper) / (double)n,
            IntervalMeanWidthMw = rows.Average(r => r.Upper - r.Lower),
            SchedulerCapture = capture,
            CaptureDays = captureDays,
        };
    }

    /// <summary>ROC-AUC by the rank-sum statistic, ties sharing their average rank.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        var rank = 1;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = (rank + rank + (j - i) - 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                rankSum += labels[order[k]] ? averageRank : 0;
            }

            rank += j - i;
            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Average precision (step-wise area under the precision-recall curve), tied scores as one step.</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return double.NaN;
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double truePositives = 0, falsePositives = 0, precisionSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            var stepPositives = 0;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                stepPositives += labels[order[j]] ? 1 : 0;
                j++;
            }

            truePositives += stepPositives;
            falsePositives += (j - i) - stepPositives;
            precisionSum += stepPositives / (double)positives * (truePositives / (truePositives + falsePositives));
            i = j;
        }

        return precisionSum;
    }

    private static (double Capture, int Days) SchedulerCapture(IReadOnlyList<ScoredInterval> rows, TimeSpan step, double windowHours)
    {
        var hours = step.TotalHours;
        var width = Math.Max(1, (int)Math.Round(windowHours / hours));
        var captures = new List<double>();
        foreach (var day in rows.GroupBy(r => r.Day))
        {
            var ordered = day.OrderBy(r => r.IntervalStart).ToArray();
            if (ordered.Length < width)
            {
                continue;
            }

            var actual = ordered.Select(r => r.Actual).ToArray();
            var best = BestWindow(actual, width).Sum;
            if (best * hours < 100)
            {
                continue;
            }

            var chosen = BestWindow(ordered.Select(r => r.Predicted).ToArray(), width).Start;
            captures.Add(actual.Skip(chosen).Take(width).Sum() / best);
        }

        return (captures.Count > 0 ? captures.Average() : double.NaN, captures.Count);
    }

    /// <summary>The first start whose window of <paramref name="width"/> values has the largest sum.</summary>
    public static (int Start, double Sum) BestWindow(IReadOnlyList<double> values, int width)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0;
        for (var i = 0; i < width; i++)
        {
            sum += values[i];
        }

        var (bestStart, bestSum) = (0, sum);
        for (var start = 1; start + width <= values.Count; start++)
        {
            sum += values[start + width - 1] - values[start - 1];
            if (sum > bestSum + 1e-9)
            {
                (bestStart, bestSum) = (start, sum);
            }
        }

        return (bestStart, bestSum);
    }
}
