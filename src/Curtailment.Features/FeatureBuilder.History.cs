using Curtailment.Core.Observations;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    /// <summary>How far back target history is read, in days.</summary>
    public const int HistoryDays = 30;

    /// <summary>
    /// Statistics of the target series at the same local clock time on earlier days. Only values
    /// published by the issue time exist in the read, so for CAISO (published the next morning) the
    /// most recent known day at a 10:00 issue is D-2, as the protocol says.
    /// </summary>
    private async Task AddTargetHistoryAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var target = request.Region.Target;
        var from = request.TargetStart.AddDays(-HistoryDays - 1);
        var history = await ReadAsync(context, target.Series, from, request.TargetStart, request.Step, cancellationToken);
        context.TargetHistory = history;
        var dayStats = DailyStats(history, context);
        var stepsPerHour = Math.Max(1, (int)Math.Round(TimeSpan.FromHours(1) / request.Step));

        var lastDay = context.New();
        var mean7 = context.New();
        var max7 = context.New();
        var freq7 = context.New();
        var mean28 = context.New();
        var max28 = context.New();
        var freq28 = context.New();
        var mean7Wide = context.New();
        var lastTotal = context.New();
        var total7 = context.New();
        var lastMax = context.New();
        var known = context.New();

        var recent = new List<(double Value, DateTimeOffset At)>(28);
        for (var i = 0; i < context.Count; i++)
        {
            recent.Clear();
            for (var k = 1; k <= HistoryDays && recent.Count < 28; k++)
            {
                var at = context.SameClockTime(i, k);
                var v = At(history, at);
                if (!double.IsNaN(v))
                {
                    recent.Add((v, at));
                }
            }

            known[i] = recent.Count;
            if (recent.Count == 0)
            {
                continue;
            }

            lastDay[i] = (float)recent[0].Value;
            var week = recent.Take(7).ToList();
            mean7[i] = (float)week.Average(r => r.Value);
            max7[i] = (float)week.Max(r => r.Value);
            freq7[i] = (float)week.Count(r => target.IsEvent(r.Value)) / week.Count;
            mean28[i] = (float)recent.Average(r => r.Value);
            max28[i] = (float)recent.Max(r => r.Value);
            freq28[i] = (float)recent.Count(r => target.IsEvent(r.Value)) / recent.Count;
            mean7Wide[i] = F(MeanKnown(week.SelectMany(r => Neighbourhood(history, r.At, stepsPerHour))));

            var days = week.Select(r => context.LocalDate(r.At)).ToList();
            if (dayStats.TryGetValue(days[0], out var last))
            {
                lastTotal[i] = F(last.Total);
                lastMax[i] = F(last.Max);
            }

            total7[i] = F(MeanKnown(days.Select(d => dayStats.TryGetValue(d, out var s) ? s.Total : double.NaN)));
        }

        context.Set("hist_last_day", lastDay);
        context.Set("hist_7d_mean", mean7);
        context.Set("hist_7d_max", max7);
        context.Set("hist_7d_event_freq", freq7);
        context.Set("hist_28d_mean", mean28);
        context.Set("hist_28d_max", max28);
        context.Set("hist_28d_event_freq", freq28);
        context.Set("hist_7d_mean_pm1h", mean7Wide);
        context.Set("hist_last_day_total", lastTotal);
        context.Set("hist_7d_day_total_mean", total7);
        context.Set("hist_last_day_max", lastMax);
        context.Set("hist_days_known", known);

        var (recent6, recent24) = RecentLevels(history);
        context.Set("hist_recent_6h_mean", Fill(context, F(recent6)));
        context.Set("hist_recent_24h_mean", Fill(context, F(recent24)));
    }

    /// <summary>
    /// The target's mean over the last 6 and 24 hours known at issue time, ending at its latest known value. Weather
    /// regimes outlast a day, so where the target is published soon after the fact (the Scottish wind curtailment an hour
    /// later) its level of this morning says more about tomorrow than any same-clock-time statistic.
    /// </summary>
    private static (double SixHours, double Day) RecentLevels(DenseSeries history)
    {
        var last = Array.FindLastIndex(history.Values, v => !double.IsNaN(v));
        if (last < 0)
        {
            return (double.NaN, double.NaN);
        }

        double Mean(TimeSpan span)
        {
            var first = Math.Max(0, last + 1 - Math.Max(1, (int)Math.Round(span / history.Step)));
            return MeanKnown(history.Values[first..(last + 1)]);
        }

        return (Mean(TimeSpan.FromHours(6)), Mean(TimeSpan.FromHours(24)));
    }

    private static IEnumerable<double> Neighbourhood(DenseSeries series, DateTimeOffset at, int halfWidth)
    {
        for (var d = -halfWidth; d <= halfWidth; d++)
        {
            yield return At(series, at + (series.Step * d));
        }
    }

    /// <summary>Energy (value x hours, extrapolated over unknown parts) and maximum per local day.</summary>
    private static Dictionary<DateOnly, (double Total, double Max)> DailyStats(DenseSeries series, BuildContext context)
    {
        var stats = new Dictionary<DateOnly, (double Sum, double Max, int Known, int All)>();
        for (var i = 0; i < series.Values.Length; i++)
        {
            var day = context.LocalDate(series.TimeAt(i));
            stats.TryGetValue(day, out var s);
            var v = series.Values[i];
            s = double.IsNaN(v)
                ? s with { All = s.All + 1 }
                : (s.Sum + v, s.Known == 0 ? v : Math.Max(s.Max, v), s.Known + 1, s.All + 1);
            stats[day] = s;
        }

        var hours = series.Step.TotalHours;
        return stats
            .Where(kv => kv.Value.Known >= kv.Value.All / 2)
            .ToDictionary(kv => kv.Key, kv => (kv.Value.Sum / kv.Value.Known * kv.Value.All * hours, kv.Value.Max));
    }
}
