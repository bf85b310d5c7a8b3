using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Pipelines.Forecasting;

namespace Curtailment.Pipelines.Training;

/// <summary>
/// Features of whole target days, each as known at that day's own day-ahead issue time. They never
/// change once built (the cut is fixed), so every training run of a backtest reuses them.
/// </summary>
public sealed class DayFeatureCache(FeatureBuilder builder, Region region, TimeSpan step)
{
    private readonly Dictionary<(DateOnly Day, TimeSpan Step), FeatureFrame> _frames = [];

    /// <summary>The target resolution forecasts are made at.</summary>
    public TimeSpan Step => step;

    /// <summary>The features of <paramref name="day"/> at the forecast step, built on first use.</summary>
    public Task<FeatureFrame> GetAsync(DateOnly day, CancellationToken cancellationToken) => GetAsync(day, step, cancellationToken);

    /// <summary>
    /// The features of <paramref name="day"/> at <paramref name="dayStep"/> (a past day whose target was published at
    /// another resolution is trained on at that one), built on first use.
    /// </summary>
    public async Task<FeatureFrame> GetAsync(DateOnly day, TimeSpan dayStep, CancellationToken cancellationToken)
    {
        if (!_frames.TryGetValue((day, dayStep), out var frame))
        {
            var (start, end) = DayAheadSchedule.DayBounds(region, day);
            frame = await builder.BuildAsync(new FeatureRequest(region, DayAheadSchedule.IssueTime(region, day), start, end, dayStep), cancellationToken);
            _frames[(day, dayStep)] = frame;
        }

        return frame;
    }
}
