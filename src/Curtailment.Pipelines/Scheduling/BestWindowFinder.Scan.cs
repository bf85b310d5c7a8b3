using System.Buffers;
using Curtailment.Core.Forecasts;

namespace Curtailment.Pipelines.Scheduling;

public static partial class BestWindowFinder
{
    /// <summary>
    /// Bound on the rounding of an estimate, relative to the region's total energy: a prefix-sum difference of n
    /// non-negative terms is off by at most about 2n x 1.1e-16 of the total, under 1e-11 for 40,000 intervals.
    /// </summary>
    private const double RelativeTolerance = 1e-9;

    /// <summary>One start with the whole job covered: its energy estimate, and whether that estimate is the exact score.</summary>
    private readonly record struct StartEstimate(int Index, double Energy, bool Exact);

    /// <summary>
    /// One region's points as arrays (UTC ticks, MW clipped at zero, energy of each whole interval) with prefix sums,
    /// and the estimate of every start that can hold the job. Arrays are rented; dispose to return them.
    /// </summary>
    private sealed class RegionScan : IDisposable
    {
        private readonly int _count;
        private readonly long[] _ends;
        private readonly double[] _mw;
        private readonly double[] _whole;
        private readonly double[] _prefix;
        private readonly int[] _gaps;
        private readonly int[] _nonZero;
        private readonly long _duration;

        public RegionScan(string region, IReadOnlyList<ForecastPoint> points, long duration, long earliest, long deadline)
        {
            Region = region;
            Points = points;
            _duration = duration;
            _count = points.Count;
            Starts = ArrayPool<long>.Shared.Rent(_count);
            _ends = ArrayPool<long>.Shared.Rent(_count);
            _mw = ArrayPool<double>.Shared.Rent(_count);
            _whole = ArrayPool<double>.Shared.Rent(_count);
            _prefix = ArrayPool<double>.Shared.Rent(_count + 1);
            _gaps = ArrayPool<int>.Shared.Rent(_count + 1);
            _nonZero = ArrayPool<int>.Shared.Rent(_count + 1);
            Candidates = ArrayPool<StartEstimate>.Shared.Rent(_count);

            // Ordered: intervals of positive length, each starting at or after the previous one's end.
            var ordered = true;
            var finite = true;
            _prefix[0] = 0;
            _gaps[0] = 0;
            _nonZero[0] = 0;
            for (var i = 0; i < _count; i++)
            {
                var point = points[i];
                Starts[i] = point.IntervalStart.UtcTicks;
                _ends[i] = point.IntervalEnd.UtcTicks;
                // The same operations as Score: Math.Max(0, MW) times the overlap in hours.
                _mw[i] = Math.Max(0, point.PredictedMw);
                _whole[i] = _mw[i] * TimeSpan.FromTicks(_ends[i] - Starts[i]).TotalHours;
                ordered &= _ends[i] > Starts[i] && (i == 0 || Starts[i] >= _ends[i - 1]);
                finite &= double.IsFinite(_whole[i]);
                _prefix[i + 1] = _prefix[i] + _whole[i];
                _nonZero[i + 1] = _nonZero[i] + (_whole[i] != 0 ? 1 : 0);
                // _gaps[i + 1]: how many of points 1..i do not start where the previous one ends.
                _gaps[i + 1] = _gaps[i] + (i > 0 && Starts[i] != _ends[i - 1] ? 1 : 0);
            }

            if (ordered && finite)
            {
                Tolerance = RelativeTolerance * _prefix[_count];
                EstimateEach(earliest, deadline);
            }
            else
            {
                ScoreEach(earliest, deadline);
            }
        }

        public string Region { get; }

        public IReadOnlyList<ForecastPoint> Points { get; }

        public long[] Starts { get; }

        public StartEstimate[] Candidates { get; }

        public int CandidateCount { get; private set; }

        /// <summary>How far an estimate may be from the exact score.</summary>
        public double Tolerance { get; }

        /// <summary>
        /// The energy <see cref="Score"/> sums for a job from point <paramref name="first"/> (whose whole job is covered):
        /// the same additions in the same order.
        /// </summary>
        public double Energy(int first) => Energy(first, Starts[first] + _duration) ?? double.NaN;

        public void Dispose()
        {
            ArrayPool<long>.Shared.Return(Starts);
            ArrayPool<long>.Shared.Return(_ends);
            ArrayPool<double>.Shared.Return(_mw);
            ArrayPool<double>.Shared.Return(_whole);
            ArrayPool<double>.Shared.Return(_prefix);
            ArrayPool<int>.Shared.Return(_gaps);
            ArrayPool<int>.Shared.Return(_nonZero);
            ArrayPool<StartEstimate>.Shared.Return(Candidates);
        }

        /// <summary>Ordered, finite points: each start's estimate from the prefix sums, with two pointers.</summary>
        private void EstimateEach(long earliest, long deadline)
        {
            var last = 0;
            for (var i = 0; i < _count; i++)
            {
                var end = Starts[i] + _duration;
                if (Starts[i] < earliest || end > deadline)
                {
                    continue;
                }

                // The job's last interval: the first from i on that ends at or after the job (ends increase).
                last = Math.Max(last, i);
                while (last < _count && _ends[last] < end)
                {
                    last++;
                }

                if (last == _count || _gaps[last + 1] != _gaps[i + 1])
                {
                    continue; // the forecast ends first, or has a gap inside the job
                }

                var tail = _ends[last] <= end ? _whole[last] : _mw[last] * TimeSpan.FromTicks(end - Starts[last]).TotalHours;
                // Exact when the job spans one interval (0 + x is x) or every term is zero (terms are never negative).
                Candidates[CandidateCount++] = last == i ? new StartEstimate(i, tail, true)
                    : _nonZero[last] == _nonZero[i] && tail == 0 ? new StartEstimate(i, 0, true)
                    : new StartEstimate(i, _prefix[last] - _prefix[i] + tail, false);
            }
        }

        /// <summary>Points out of order or with non-finite values: every start is scored in full.</summary>
        private void ScoreEach(long earliest, long deadline)
        {
            for (var i = 0; i < _count; i++)
            {
                var end = Starts[i] + _duration;
                if (Starts[i] >= earliest && end <= deadline && Energy(i, end) is { } energy)
                {
                    Candidates[CandidateCount++] = new StartEstimate(i, energy, true);
                }
            }
        }

        /// <summary>Score's energy loop over the arrays; null where Score finds no placement.</summary>
        private double? Energy(int first, long end)
        {
            double energy = 0;
            var covered = Starts[first];
            for (var i = first; i < _count && covered < end; i++)
            {
                if (Starts[i] != covered)
                {
                    return null;
                }

                energy += _ends[i] <= end ? _whole[i] : _mw[i] * TimeSpan.FromTicks(end - Starts[i]).TotalHours;
                covered = _ends[i];
            }

            return covered < end ? null : energy;
        }
    }
}
