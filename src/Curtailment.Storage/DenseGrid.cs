namespace Curtailment.Storage;

/// <summary>
/// Puts observations on a regular grid the same way in every reader: each value counts in every cell
/// it overlaps, weighted by the overlap; sparse series read as zero in cells a coverage span holds
/// entirely.
/// </summary>
internal sealed class DenseGrid
{
    private readonly long _from;
    private readonly long _step;
    private readonly double[] _sum;
    private readonly double[] _weight;
    private readonly bool[] _covered;

    public DenseGrid(long fromUnixSeconds, long stepSeconds, int count)
    {
        _from = fromUnixSeconds;
        _step = stepSeconds;
        _sum = new double[count];
        _weight = new double[count];
        _covered = new bool[count];
    }

    public int Count => _sum.Length;

    public long End => _from + (_step * _sum.Length);

    /// <summary>Adds a value over <c>[start, start + duration)</c> to the cells it overlaps.</summary>
    public void Add(long start, long duration, double value)
    {
        var end = start + duration;
        var first = Math.Max(0, (start - _from) / _step);
        var last = Math.Min(_sum.Length - 1, (end - 1 - _from) / _step);
        for (var i = first; i <= last; i++)
        {
            var cellStart = _from + (i * _step);
            var overlap = Math.Min(end, cellStart + _step) - Math.Max(start, cellStart);
            if (overlap > 0)
            {
                _sum[i] += value * overlap;
                _weight[i] += overlap;
            }
        }
    }

    /// <summary>Marks the cells a coverage span holds entirely.</summary>
    public void Cover(long spanStart, long spanEnd)
    {
        var first = Math.Max(0, (spanStart - _from + _step - 1) / _step);
        var last = Math.Min(_sum.Length - 1, ((spanEnd - _from) / _step) - 1);
        for (var i = first; i <= last; i++)
        {
            _covered[i] = true;
        }
    }

    /// <summary>Mean value per cell; NaN for cells with no value, unless covered (then unlisted parts are zero).</summary>
    public double[] Values()
    {
        var values = new double[_sum.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _covered[i] ? _sum[i] / _step
                : _weight[i] > 0 ? _sum[i] / _weight[i]
                : double.NaN;
        }

        return values;
    }
}
