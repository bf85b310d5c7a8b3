using Curtailment.Core.Observations;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    /// <summary>Known days whose curtailment onset and end are averaged (the week the week profile sees).</summary>
    private const int TimingDays = 7;

    /// <summary>
    /// An interval counts as curtailed when it reaches this share of its day's peak: stray small values at dawn or
    /// dusk would otherwise move a day's onset by hours without moving where its energy lies.
    /// </summary>
    private const double CurtailedShareOfDayPeak = 0.1;

    /// <summary>
    /// Where within the day curtailment should fall. A scheduler takes the few hours with the largest forecast energy,
    /// so the shape of the forecast day matters as much as its level: the day-ahead net load says where the surplus
    /// peaks (hours from the day's lowest net load forecast, the interval's rank within the day), the solar forecast's
    /// ramp says whether the surplus is building or fading, and the last known days say when curtailment began and
    /// ended (local clock time) and where the interval lies against that. Net load parts are zero with
    /// <c>timing_has_net_load</c> 0 where the day-ahead renewable forecasts are missing; onset parts are zero with
    /// <c>timing_curtailed_days_7d</c> 0 where no known day was curtailed. Built from columns and the target history
    /// read by the earlier groups, so it reads nothing the others do not.
    /// </summary>
    private static void AddTiming(BuildContext context)
    {
        AddNetLoadTiming(context);
        AddCurtailmentTiming(context);
    }

    private static void AddNetLoadTiming(BuildContext context)
    {
        var has = context.Columns["has_re_fc"];
        var netLoad = context.Columns["net_load_fc"];
        var solar = context.Columns["solar_fc"];
        var hasNetLoad = context.New();
        var hoursFromMin = context.New();
        var rank = context.New();
        var ramp = context.New();
        var rampShare = context.New();
        var stepHours = context.Request.Step.TotalHours;
        var rampHalfWidth = Math.Max(1, (int)Math.Round(1 / stepHours));
        foreach (var day in RowsByLocalDay(context))
        {
            var rows = day.Where(i => has[i] > 0).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            var minimum = rows[0];
            var peakSolar = 0f;
            foreach (var i in rows)
            {
                minimum = netLoad[i] < netLoad[minimum] ? i : minimum;
                peakSolar = Math.Max(peakSolar, solar[i]);
            }

            var sorted = rows.Select(i => netLoad[i]).Order().ToArray();
            for (var r = 0; r < rows.Length; r++)
            {
                var i = rows[r];
                hasNetLoad[i] = 1;
                hoursFromMin[i] = (float)(context.Starts[i] - context.Starts[minimum]).TotalHours;
                // Rows below this one (binary search finds the first of equal values), so a tie ranks alike.
                var below = LowerBound(sorted, netLoad[i]);
                rank[i] = rows.Length > 1 ? (float)below / (rows.Length - 1) : 0;

                // Central difference over about an hour each side, within the day's rows that have the forecast.
                var (before, after) = (rows[Math.Max(0, r - rampHalfWidth)], rows[Math.Min(rows.Length - 1, r + rampHalfWidth)]);
                var hours = (context.Starts[after] - context.Starts[before]).TotalHours;
                ramp[i] = hours > 0 ? (float)((solar[after] - solar[before]) / hours) : 0;
                rampShare[i] = peakSolar > 0 ? ramp[i] / peakSolar : 0;
            }
        }

        context.Set("timing_has_net_load", hasNetLoad);
        context.Set("timing_hours_from_net_load_min", hoursFromMin);
        context.Set("timing_net_load_rank", rank);
        context.Set("timing_solar_ramp", ramp);
        context.Set("timing_solar_ramp_share", rampShare);
    }

    private static int LowerBound(float[] sorted, float value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = sorted[mid] < value ? (mid + 1, high) : (low, mid);
        }

        return low;
    }

    private static void AddCurtailmentTiming(BuildContext context)
    {
        var days = context.TargetHistory is { } history ? KnownDayTimings(history, context) : [];
        var last = days.Count > 0 ? days[0] : default;
        var week = days.Take(TimingDays).Where(d => d.Curtailed).ToList();
        var onsetMean = week.Count > 0 ? week.Average(d => d.Onset) : 0;
        var endMean = week.Count > 0 ? week.Average(d => d.End) : 0;

        var afterOnset = context.New();
        var beforeEnd = context.New();
        if (week.Count > 0)
        {
            for (var i = 0; i < context.Count; i++)
            {
                var clock = context.LocalStarts[i].TimeOfDay.TotalHours;
                afterOnset[i] = (float)(clock - onsetMean);
                beforeEnd[i] = (float)(endMean - clock);
            }
        }

        context.Set("timing_onset_last", Fill(context, last.Curtailed ? (float)last.Onset : 0));
        context.Set("timing_end_last", Fill(context, last.Curtailed ? (float)last.End : 0));
        context.Set("timing_onset_7d_mean", Fill(context, (float)onsetMean));
        context.Set("timing_end_7d_mean", Fill(context, (float)endMean));
        context.Set("timing_curtailed_days_7d", Fill(context, week.Count));
        context.Set("timing_hours_after_onset", afterOnset);
        context.Set("timing_hours_before_end", beforeEnd);
    }

    /// <summary>
    /// The known local days of the target history, latest first (a day is known when at least half its intervals
    /// are, as for the day totals), each with the local clock hours of its first and last curtailed interval.
    /// </summary>
    private static List<DayTiming> KnownDayTimings(DenseSeries history, BuildContext context)
    {
        var days = new List<DayTiming>();
        var i = history.Values.Length - 1;
        while (i >= 0)
        {
            var day = context.LocalDate(history.TimeAt(i));
            var first = i;
            while (first > 0 && context.LocalDate(history.TimeAt(first - 1)) == day)
            {
                first--;
            }

            var (known, peak) = (0, 0.0);
            for (var k = first; k <= i; k++)
            {
                var v = history.Values[k];
                if (!double.IsNaN(v))
                {
                    known++;
                    peak = Math.Max(peak, v);
                }
            }

            var all = i - first + 1;
            // The read starts and ends at UTC instants, so its first and last local days may be part days: not known days.
            var whole = context.LocalDate(history.TimeAt(i) + history.Step) != day
                && context.LocalDate(history.TimeAt(first) - history.Step) != day;
            if (whole && known > 0 && known >= all / 2)
            {
                days.Add(peak > 0 ? Curtailed(history, context, first, i, peak) : new DayTiming(false, 0, 0));
            }

            i = first - 1;
        }

        return days;
    }

    private static DayTiming Curtailed(DenseSeries history, BuildContext context, int first, int last, double peak)
    {
        var floor = peak * CurtailedShareOfDayPeak;
        var onset = Enumerable.Range(first, last - first + 1).First(k => history.Values[k] >= floor);
        var end = Enumerable.Range(first, last - first + 1).Last(k => history.Values[k] >= floor);
        return new DayTiming(true, context.LocalClockHours(history.TimeAt(onset)), context.LocalClockHours(history.TimeAt(end)));
    }

    /// <summary>A known day: whether it was curtailed, and the local clock hours of its first and last curtailed interval.</summary>
    private readonly record struct DayTiming(bool Curtailed, double Onset, double End);
}
