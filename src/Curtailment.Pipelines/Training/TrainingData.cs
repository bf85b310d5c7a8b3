using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Forecasting;

namespace Curtailment.Pipelines.Training;

/// <summary>Assembles training sets that respect the information cut of the training time.</summary>
public static class TrainingData
{
    /// <summary>
    /// Labelled days in <c>[from, through]</c>: each day's features as known at its own issue time and
    /// its actuals as known at <paramref name="asOf"/> (the training time), both at the step the day's target
    /// was published in (<see cref="DayStepsAsync"/>). Days with fewer than half of their intervals known are left out.
    /// </summary>
    public static async Task<TrainingSet> BuildAsync(
        IObservationReader reader, Region region, DayFeatureCache cache, DateOnly from, DateOnly through, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(cache);
        var data = new TrainingSet();
        if (through < from)
        {
            return data;
        }

        var steps = await DayStepsAsync(reader, region, from, through, asOf, cache.Step, cancellationToken);
        var labels = new Dictionary<TimeSpan, DenseSeries>();
        foreach (var group in Enumerable.Range(0, steps.Length).GroupBy(i => steps[i]))
        {
            // Each step is read over the days at that step only, so a window of many years stays a small read.
            var (windowStart, _) = DayAheadSchedule.DayBounds(region, from.AddDays(group.Min()));
            var (_, windowEnd) = DayAheadSchedule.DayBounds(region, from.AddDays(group.Max()));
            labels[group.Key] = await reader.ReadDenseAsync(new ObservationQuery(region.Id, region.Target.Series, windowStart, windowEnd, asOf), group.Key, cancellationToken);
        }

        for (var day = from; day <= through; day = day.AddDays(1))
        {
            var step = steps[day.DayNumber - from.DayNumber];
            var series = labels[step];
            var (dayStart, dayEnd) = DayAheadSchedule.DayBounds(region, day);
            var first = (int)((dayStart - series.Start) / step);
            var count = (int)((dayEnd - dayStart) / step);
            if (first < 0 || first + count > series.Values.Length)
            {
                continue;
            }

            var values = series.Values.AsSpan(first, count).ToArray();
            if (values.Count(v => !double.IsNaN(v)) < count / 2)
            {
                continue;
            }

            data.AddDay(day, await cache.GetAsync(day, step, cancellationToken), values);
        }

        return data;
    }

    /// <summary>
    /// The step of each day of <c>[from, through]</c>: the most common interval length of the target values published
    /// for it by <paramref name="asOf"/>. A day without values (a day without curtailment, or unknown) takes the step of
    /// the last day before it that has values, or of the first after it; with no values at all, <paramref name="fallback"/>.
    /// </summary>
    public static async Task<TimeSpan[]> DayStepsAsync(
        IObservationReader reader, Region region, DateOnly from, DateOnly through, DateTimeOffset asOf, TimeSpan fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(region);
        var (start, _) = DayAheadSchedule.DayBounds(region, from);
        var (_, end) = DayAheadSchedule.DayBounds(region, through);
        var observed = await reader.ReadAsync(new ObservationQuery(region.Id, region.Target.Series, start, end, asOf), cancellationToken);
        var known = observed
            .GroupBy(o => Core.Time.LocalClock.LocalDate(o.IntervalStart, region.TimeZone))
            .ToDictionary(g => g.Key, ModelInputs.MostCommonStep);
        var steps = new TimeSpan[through.DayNumber - from.DayNumber + 1];
        TimeSpan? last = null;
        for (var i = 0; i < steps.Length; i++)
        {
            if (known.TryGetValue(from.AddDays(i), out var step))
            {
                last = step;
            }

            steps[i] = last ?? TimeSpan.Zero;
        }

        var next = last ?? fallback;
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            if (steps[i] == TimeSpan.Zero)
            {
                steps[i] = next;
            }
            else
            {
                next = steps[i];
            }
        }

        return steps;
    }
}
