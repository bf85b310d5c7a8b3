using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// A forecast's points prepared for <see cref="BestWindowFinder"/>: times as UTC ticks, MW clipped at zero, the
/// energy of each whole interval, and prefix sums. Immutable, so one grid per stored vintage can serve every
/// request that ranks over it.
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

    /// <summary>Prepares <paramref name="points"/> (kept, not copied: they must not change afterwards).</summary>
    public ForecastGrid(IReadOnlyList<ForecastPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = points;
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
            // The operations of BestWindowFinder.Score: Math.Max(0, MW) times the overlap in hours.
            _mw[i] = Math.Max(0, point.PredictedMw);
            _whole[i] = _mw[i] * TimeSpan.FromTicks(_ends[i] - _starts[i]).TotalHours;
            ordered &= _ends[i] > _starts[i] && (i == 0 || _starts[i] >= _ends[i - 1]);
            finite &= double.IsFinite(_whole[i]);
            _prefix[i + 1] = _prefix[i] + _whole[i];
            _nonZero[i + 1] = _nonZero[i] + (_whole[i] != 0 ? 1 : 0);
            // How many of points 1..i do not start where the previous one ends.
            _gaps[i + 1] = _gaps[i] + (i > 0 && _starts[i] != _ends[i - 1] ? 1 : 0);
        }

        // Ordered: intervals of positive length, each starting at or after the previous one's end (gaps allowed).
        Ordered = ordered;
        Finite = finite;
    }

    /// <summary>The points, in their order.</summary>
    public IReadOnlyList<ForecastPoint> Points { get; }

    /// <summary>Number of points.</summary>
    public int Count => _starts.Length;

    internal bool Ordered { get; }

    internal bool Finite { get; }

    internal long Start(int i) => _starts[i];

    /// <summary>Sum of the whole-interval energies of all points (for the rounding tolerance).</summary>
    internal double TotalEnergy => _prefix[^1];

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

    /// <summary>
    /// For an ordered, finite grid: the estimate of the energy of a job from point <paramref name="first"/> to
    /// <paramref name="end"/> from the prefix sums, and whether it is exactly what <see cref="Energy"/> sums; false
    /// when the forecast does not cover the job contiguously. <paramref name="last"/> carries the job's last interval
    /// from one call to the next (jobs by increasing start).
    /// </summary>
    internal bool TryEstimate(int first, long end, ref int last, out double estimate, out bool exact)
    {
        estimate = 0;
        exact = false;
        // The job's last interval: the first from 'first' on that ends at or after the job (ends increase).
        last = Math.Max(last, first);
        while (last < _ends.Length && _ends[last] < end)
        {
            last++;
        }

        if (last == _ends.Length || _gaps[last + 1] != _gaps[first + 1])
        {
            return false; // the forecast ends first, or has a gap inside the job
        }

        var tail = _ends[last] <= end ? _whole[last] : _mw[last] * TimeSpan.FromTicks(end - _starts[last]).TotalHours;
        // Exact when the job spans one interval (0 + x is x) or every term is zero (terms are never negative).
        if (last == first)
        {
            (estimate, exact) = (tail, true);
        }
        else if (_nonZero[last] == _nonZero[first] && tail == 0)
        {
            (estimate, exact) = (0, true);
        }
        else
        {
            estimate = _prefix[last] - _prefix[first] + tail;
        }

        return true;
    }

    /// <summary>
    /// The energy <see cref="BestWindowFinder"/>'s full score sums for a job from point <paramref name="first"/> to
    /// <paramref name="end"/> (the same additions in the same order); null where the full score finds no placement.
    /// </summary>
    internal double? Energy(int first, long end)
    {
        double energy = 0;
        var covered = _starts[first];
        for (var i = first; i < _starts.Length && covered < end; i++)
        {
            if (_starts[i] != covered)
            {
                return null;
            }

            energy += _ends[i] <= end ? _whole[i] : _mw[i] * TimeSpan.FromTicks(end - _starts[i]).TotalHours;
            covered = _ends[i];
        }

        return covered < end ? null : energy;
    }
}
