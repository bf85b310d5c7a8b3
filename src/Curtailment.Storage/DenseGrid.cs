using Curtailment.Core.Observations;

namespace Curtailment.Storage;

/// <summary>
/// Puts observations on a regular grid the same way in every reader: each value counts in every cell
/// it overlaps, weighted by the overlap; sparse series read as zero in cells a coverage span holds
/// entirely. Where a sparse series holds values of several resolutions for the same time (an hourly
/// report and a 5-minute workbook of the same hour), the finer values win: a value is ignored wherever a
/// finer one of the series overlaps its span, so a coverage span never counts both.
/// </summary>
internal sealed class DenseGrid
{
    private readonly long _from;
    private readonly long _step;
    private readonly double[] _sum;
    private readonly double[] _weight;
    private readonly bool[] _covered;
    private readonly List<(long Start, long Duration, double Value)>? _pending;

    public DenseGrid(string series, long fromUnixSeconds, long stepSeconds, int count)
    {
        _from = fromUnixSeconds;
        _step = stepSeconds;
        _sum = new double[count];
        _weight = new double[count];
        _covered = new bool[count];
        _pending = SeriesIds.IsSparseZero(series) ? [] : null;
    }

    public int Count => _sum.Length;

    public long End => _from + (_step * _sum.Length);

    /// <summary>Adds a value over <c>[start, start + duration)</c> to the cells it overlaps.</summary>
    public void Add(long start, long duration, double value)
    {
        if (_pending is not null)
        {
            // Sparse series: kept until Values, where the finest resolution is known.
            _pending.Add((start, duration, value));
            return;
        }

        Accumulate(start, duration, value);
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
        if (_pending is { Count: > 0 })
        {
            AccumulateFinestFirst(_pending);
            _pending.Clear();
        }

        var values = new double[_sum.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _covered[i] ? _sum[i] / _step
                : _weight[i] > 0 ? _sum[i] / _weight[i]
                : double.NaN;
        }

        return values;
    }

    private void AccumulateFinestFirst(List<(long Start, long Duration, double Value)> observations)
    {
        var duration = observations[0].Duration;
        if (observations.TrueForAll(o => o.Duration == duration))
        {
            foreach (var (start, length, value) in observations)
            {
                Accumulate(start, length, value);
            }

            return;
        }

        // The finest duration accepted in each cell: a coarser value overlapping any of them is ignored.
        var finest = new long[_sum.Length];
        Array.Fill(finest, long.MaxValue);
        foreach (var (start, length, value) in observations.OrderBy(o => o.Duration))
        {
            var (first, last) = Cells(start, length);
            var overlapsFiner = false;
            for (var i = first; i <= last && !overlapsFiner; i++)
            {
                overlapsFiner = finest[i] < length;
            }

            if (overlapsFiner)
            {
                continue;
            }

            for (var i = first; i <= last; i++)
            {
                finest[i] = Math.Min(finest[i], length);
            }

            Accumulate(start, length, value);
        }
    }

    private (long First, long Last) Cells(long start, long duration) =>
        (Math.Max(0, (start - _from) / _step), Math.Min(_sum.Length - 1, (start + duration - 1 - _from) / _step));

    private void Accumulate(long start, long duration, double value)
    {
        var end = start + duration;
        var (first, last) = Cells(start, duration);
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
}
