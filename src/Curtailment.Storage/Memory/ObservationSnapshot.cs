using Curtailment.Core.Observations;

namespace Curtailment.Storage.Memory;

/// <summary>
/// Observations and coverage of some series held in memory, read with exactly the store's semantics:
/// every read applies its as-of instant, dense reads use the same grid rules (<see cref="DenseGrid"/>).
/// Immutable after construction, so safe to share between threads.
/// </summary>
public sealed class ObservationSnapshot : IObservationReader
{
    private readonly Dictionary<(string Region, string Series), SeriesData> _series;

    /// <summary>Builds a snapshot from observations and coverage spans (with their source).</summary>
    public ObservationSnapshot(IEnumerable<Observation> observations, IEnumerable<(string Source, Core.Ingest.CoverageSpan Span)> coverage)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(coverage);
        var spans = coverage.ToLookup(c => (c.Span.Region, c.Span.Series));
        _series = observations
            .GroupBy(o => (o.Region, o.Series))
            .ToDictionary(g => g.Key, g => new SeriesData(g.OrderBy(o => o.IntervalStart).ThenBy(o => o.Source, StringComparer.Ordinal).ToArray(), spans[g.Key].ToArray()));
        foreach (var key in spans.Select(g => g.Key).Where(k => !_series.ContainsKey(k)))
        {
            _series[key] = new SeriesData([], spans[key].ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Observation>> ReadAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<Observation> result = _series.TryGetValue((query.Region, query.Series), out var data)
            ? data.Range(query.From, query.To).Where(o => o.PublishedAt <= query.AsOf && (query.Source is null || o.Source == query.Source)).ToList()
            : [];
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<DenseSeries> ReadDenseAsync(ObservationQuery query, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        var count = (int)Math.Ceiling((query.To - query.From) / step);
        if (count <= 0)
        {
            return Task.FromResult(new DenseSeries(query.From, step, []));
        }

        var grid = new DenseGrid(query.Series, query.From.ToUnixTimeSeconds(), (long)step.TotalSeconds, count);
        var to = DateTimeOffset.FromUnixTimeSeconds(grid.End);
        if (_series.TryGetValue((query.Region, query.Series), out var data))
        {
            foreach (var o in data.Range(query.From.AddDays(-1), to))
            {
                if (o.PublishedAt <= query.AsOf && (query.Source is null || o.Source == query.Source))
                {
                    grid.Add(o.IntervalStart.ToUnixTimeSeconds(), (long)o.Duration.TotalSeconds, o.Value);
                }
            }

            if (SeriesIds.IsSparseZero(query.Series))
            {
                foreach (var (source, span) in data.Coverage)
                {
                    if (span.End > query.From && span.Start < to && span.PublishedAt <= query.AsOf && (query.Source is null || source == query.Source))
                    {
                        grid.Cover(span.Start.ToUnixTimeSeconds(), span.End.ToUnixTimeSeconds());
                    }
                }
            }
        }

        return Task.FromResult(new DenseSeries(query.From, step, grid.Values()));
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> LatestIntervalEndAsync(string region, string series, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        DateTimeOffset? latest = null;
        if (_series.TryGetValue((region, series), out var data))
        {
            foreach (var o in data.Observations)
            {
                if (o.PublishedAt <= asOf && (latest is null || o.IntervalEnd > latest))
                {
                    latest = o.IntervalEnd;
                }
            }
        }

        return Task.FromResult(latest);
    }

    private sealed class SeriesData
    {
        private readonly long[] _startTicks;

        public SeriesData(Observation[] observations, (string Source, Core.Ingest.CoverageSpan Span)[] coverage)
        {
            Observations = observations;
            Coverage = coverage;
            _startTicks = observations.Select(o => o.IntervalStart.UtcTicks).ToArray();
        }

        public Observation[] Observations { get; }

        public (string Source, Core.Ingest.CoverageSpan Span)[] Coverage { get; }

        /// <summary>Observations with starts in <c>[from, to)</c>, found by binary search.</summary>
        public IEnumerable<Observation> Range(DateTimeOffset from, DateTimeOffset to)
        {
            var first = LowerBound(from.UtcTicks);
            for (var i = first; i < Observations.Length && _startTicks[i] < to.UtcTicks; i++)
            {
                yield return Observations[i];
            }
        }

        private int LowerBound(long ticks)
        {
            int low = 0, high = _startTicks.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (_startTicks[mid] < ticks)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}
