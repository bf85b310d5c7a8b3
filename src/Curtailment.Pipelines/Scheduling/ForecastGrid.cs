using System.Collections.Concurrent;
using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// A forecast's points prepared for <see cref="BestWindowFinder"/>: times as UTC ticks, MW clipped at zero, the
/// energy of each whole interval, and prefix sums. Immutable (apart from the answers it remembers), so one grid per
/// stored vintage can serve every request that ranks over it.
/// </summary>
public sealed class ForecastGrid
{
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly double[] _mw;
    private readonly double[] _whole;
    private readonly double[] _prefix;
    private readonly int[] _gaps;
    private readonly int[] _nonZero;
    private readonly ConcurrentDictionary<(long Duration, int Top, long From, long To), BestWindowFinder.RankedStart[]> _best = new();

    /// <summary>Prepares <paramref name="points"/> (kept, not copied: they must not change afterwards) for ranking by curtailed energy.</summary>
    public ForecastGrid(IReadOnlyList<ForecastPoint> points)
        : this(points, RankingMeasure.CurtailedEnergy)
    {
    }

    /// <summary>Prepares <paramref name="points"/> (kept, not copied: they must not change afterwards) for ranking by <paramref name="measure"/>.</summary>
    public ForecastGrid(IReadOnlyList<ForecastPoint> points, RankingMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = points;
        Measure = measure;
        var count = points.Count;
        _starts = new long[count];
        _ends = new long[count];
        _mw = new double[count];
        _whole = new double[count];
        _prefix = new double[count + 1];
        _gaps = new int[count + 1];
        _nonZero = new int[count + 1];
        var ordered = true;
        var finite = true;
        for (var i = 0; i < count; i++)
        {
            var point = points[i];
            _starts[i] = point.IntervalStart.UtcTicks;
            _ends[i] = point.IntervalEnd.UtcTicks;
            // The operations of BestWindowFinder.Score: the rate (MW clipped at zero, or the probability) times the overlap in hours.
            _mw[i] = Rate(point, measure);
            _whole[i] = _mw[i] * TimeSpan.FromTicks(_ends[i] - _starts[i]).TotalHours;
            ordered &= _ends[i] > _starts[i] && (i == 0 || _starts[i] >= _ends[i - 1]);
            finite &= double.IsFinite(_whole[i]);
            _prefix[i + 1] = _prefix[i] + _whole[i];
            _nonZero[i + 1] = _nonZero[i] + (_whole[i] != 0 ? 1 : 0);
            // How many of points 1..i do not start where the previous one ends.
            _gaps[i + 1] = _gaps[i] + (i > 0 && _starts[i] != _ends[i - 1] ? 1 : 0);
        }

        Ordered = ordered;
        Finite = finite;
    }

    /// <summary>What placements over this grid are ranked by.</summary>
    public RankingMeasure Measure { get; }

    /// <summary>The points, in their order.</summary>
    public IReadOnlyList<ForecastPoint> Points { get; }

    /// <summary>Number of points.</summary>
    public int Count => _starts.Length;

    /// <summary>Intervals of positive length, each starting at or after the previous one's end (gaps allowed).</summary>
    internal bool Ordered { get; }

    /// <summary>Every interval's energy is finite (no NaN or infinite MW).</summary>
    internal bool Finite { get; }

    /// <summary>Interval starts, UTC ticks.</summary>
    internal ReadOnlySpan<long> Starts => _starts;

    /// <summary>Interval ends, UTC ticks.</summary>
    internal ReadOnlySpan<long> Ends => _ends;

    /// <summary>The rate of each point (<see cref="Rate"/>): predicted MW clipped at zero, or the event probability.</summary>
    internal ReadOnlySpan<double> ClippedMw => _mw;

    /// <summary>Measure of each whole interval: its rate times its length in hours.</summary>
    internal ReadOnlySpan<double> WholeEnergy => _whole;

    /// <summary><c>Prefix[i]</c>: sum of the whole energies of points before <c>i</c>.</summary>
    internal ReadOnlySpan<double> Prefix => _prefix;

    /// <summary><c>Gaps[i]</c>: how many of points 1..i-1 do not start where the previous one ends.</summary>
    internal ReadOnlySpan<int> Gaps => _gaps;

    /// <summary><c>NonZero[i]</c>: how many points before <c>i</c> have a non-zero whole energy.</summary>
    internal ReadOnlySpan<int> NonZero => _nonZero;

    /// <summary>Sum of the whole-interval energies of all points (for the rounding tolerance).</summary>
    internal double TotalEnergy => _prefix[^1];

    /// <summary>Questions whose best starts a grid remembers; beyond that, it forgets them all.</summary>
    internal const int RememberedQuestions = 16;

    /// <summary>
    /// The grid's best starts for a job (see <see cref="BestWindowFinder"/>), remembered per question: for an ordered grid
    /// the question is the duration, the number asked for and the range of indexes that can start the job, so every
    /// earliest start and deadline that allow the same starts share one answer.
    /// </summary>
    internal BestWindowFinder.RankedStart[] BestStarts(long duration, long earliest, long deadline, int top)
    {
        var (first, end) = Ordered && Finite
            ? (FirstStartingAtOrAfter(earliest), FirstStartingAtOrAfter(deadline - duration + 1))
            : (0, 0);
        var key = Ordered && Finite ? (duration, top, (long)first, (long)Math.Max(first, end)) : (duration, top, earliest, deadline);
        if (_best.TryGetValue(key, out var known))
        {
            return known;
        }

        var best = BestWindowFinder.BestStarts(this, duration, earliest, deadline, first, Math.Max(first, end), top);
        if (_best.Count >= RememberedQuestions)
        {
            _best.Clear();
        }

        _best[key] = best;
        return best;
    }

    /// <summary>The per-hour rate of a point under a measure: predicted MW clipped at zero, or the event probability clamped to [0, 1].</summary>
    internal static double Rate(ForecastPoint point, RankingMeasure measure) =>
        measure == RankingMeasure.EventHours ? Math.Clamp(point.EventProbability, 0, 1) : Math.Max(0, point.PredictedMw);

    /// <summary>Index of the first point starting at or after <paramref name="ticks"/> (ordered grids only).</summary>
    internal int FirstStartingAtOrAfter(long ticks)
    {
        int low = 0, high = _starts.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_starts[middle] >= ticks)
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
