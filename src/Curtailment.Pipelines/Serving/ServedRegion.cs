using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Serving;

/// <summary>
/// What one region is served from, as read at one <see cref="ServingVersion"/>: the active model and the newest
/// stored vintage with all its points. Immutable except for the bounded cache of serialized slices (the host's responses),
/// so it is replaced as a whole when the version changes.
/// </summary>
internal sealed class ServedRegion
{
    /// <summary>
    /// Serialized slices kept per region. A slice is at most the whole vintage (to the end of the next local day: under
    /// 600 intervals at 5 minutes, about 115 kB), so a region holds at most about 2 MB of them.
    /// </summary>
    public const int ResponseCacheSize = 16;

    private readonly ForecastPoint[] _points;
    private readonly bool _ordered;
    private readonly LruCache<(int Start, int Count, DateTimeOffset? StaleSince), byte[]> _responses = new(ResponseCacheSize);
    private readonly RankingMeasure _measure;
    private readonly Lazy<ForecastGrid> _otherGrid;

    public ServedRegion(ServingVersion version, ModelRecord? active, ForecastVintage? latest, Region region)
    {
        Version = version;
        Latest = latest;
        _measure = RankingMeasures.For(region);
        _points = latest?.Points.ToArray() ?? [];
        // Slices are found by binary search on starts and ends; both are ordered for any vintage the pipeline writes.
        _ordered = true;
        for (var i = 1; i < _points.Length; i++)
        {
            if (_points[i].IntervalStart < _points[i - 1].IntervalStart || _points[i].IntervalEnd < _points[i - 1].IntervalEnd)
            {
                _ordered = false;
                break;
            }
        }

        ByServingModel = VintageSelection.ByServingModel(latest, active);
        Grid = new ForecastGrid(_points, _measure);
        var other = _measure == RankingMeasure.EventHours ? RankingMeasure.CurtailedEnergy : RankingMeasure.EventHours;
        _otherGrid = new Lazy<ForecastGrid>(() => new ForecastGrid(_points, other), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ServingVersion Version { get; }

    /// <summary>The newest stored vintage of the region with at least one point (of any model), or null.</summary>
    public ForecastVintage? Latest { get; }

    /// <summary>Whether <see cref="Latest"/> was made by the model now serving the region.</summary>
    public bool ByServingModel { get; }

    /// <summary>All points of <see cref="Latest"/> prepared for ranking job placements by the region's own measure.</summary>
    public ForecastGrid Grid { get; }

    /// <summary>All points of <see cref="Latest"/> prepared for ranking by <paramref name="measure"/> (the other measure's grid is made on first use).</summary>
    public ForecastGrid GridFor(RankingMeasure measure) => measure == _measure ? Grid : _otherGrid.Value;

    /// <summary>
    /// The points of <see cref="Latest"/> overlapping <c>[from, to)</c>, as <c>[start, start + count)</c>; false when
    /// none overlap (the store may then hold an older vintage that does).
    /// </summary>
    public bool TryFindSlice(DateTimeOffset from, DateTimeOffset to, out int start, out int count)
    {
        start = 0;
        count = 0;
        if (!_ordered || _points.Length == 0)
        {
            return false;
        }

        // First point ending after 'from', first point starting at or after 'to'.
        start = FirstEndingAfter(from);
        var end = FirstStartingAtOrAfter(to);
        count = Math.Max(0, end - start);
        return count > 0;
    }

    /// <summary>The vintage with only the points of the slice (no copy).</summary>
    public ForecastVintage Slice(int start, int count) =>
        Latest! with { Points = new ArraySegment<ForecastPoint>(_points, start, count) };

    /// <summary>
    /// The slice serialized by <paramref name="serialize"/>, made once per slice and staleness while it stays in the
    /// cache (<paramref name="staleSince"/>: the expected issue instant the vintage missed, null when fresh): every
    /// caller passes the same serialization (the host's forecast response).
    /// </summary>
    public byte[] Serialized(int start, int count, DateTimeOffset? staleSince, Func<ForecastVintage, byte[]> serialize) =>
        _responses.GetOrAdd((start, count, staleSince), key => serialize(Slice(key.Start, key.Count)));

    // Binary searches; over ordered points each condition reads false ... false true ... true.
    private int FirstEndingAfter(DateTimeOffset instant)
    {
        int low = 0, high = _points.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_points[middle].IntervalEnd > instant)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private int FirstStartingAtOrAfter(DateTimeOffset instant)
    {
        int low = 0, high = _points.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_points[middle].IntervalStart >= instant)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
