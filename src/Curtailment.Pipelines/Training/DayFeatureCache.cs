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
    private readonly Dictionary<DateOnly, FeatureFrame> _frames = [];

    /// <summary>The target resolution of the cached frames.</summary>
    public TimeSpan Step => step;

    /// <summary>The features of <paramref name="day"/>, built on first use.</summary>
    public async Task<FeatureFrame> GetAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (!_frames.TryGetValue(day, out var frame))
        {
            var (start, end) = DayAheadSchedule.DayBounds(region, day);
            frame = await builder.BuildAsync(new FeatureRequest(region, DayAheadSchedule.IssueTime(region, day), start, end, step), cancellationToken);
            _frames[day] = frame;
        }

        return frame;
    }
}
