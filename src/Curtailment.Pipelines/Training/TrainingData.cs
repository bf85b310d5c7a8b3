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
    /// its actuals as known at <paramref name="asOf"/> (the training time). Days with fewer than half
    /// of their intervals known are left out.
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

        var step = cache.Step;
        var (windowStart, _) = DayAheadSchedule.DayBounds(region, from);
        var (_, windowEnd) = DayAheadSchedule.DayBounds(region, through);
        var labels = await reader.ReadDenseAsync(new ObservationQuery(region.Id, region.Target.Series, windowStart, windowEnd, asOf), step, cancellationToken);
        for (var day = from; day <= through; day = day.AddDays(1))
        {
            var (dayStart, dayEnd) = DayAheadSchedule.DayBounds(region, day);
            var first = (int)((dayStart - labels.Start) / step);
            var count = (int)((dayEnd - dayStart) / step);
            if (first < 0 || first + count > labels.Values.Length)
            {
                continue;
            }

            var values = labels.Values.AsSpan(first, count).ToArray();
            if (values.Count(v => !double.IsNaN(v)) < count / 2)
            {
                continue;
            }

            data.AddDay(day, await cache.GetAsync(day, cancellationToken), values);
        }

        return data;
    }
}
