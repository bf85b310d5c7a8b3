namespace Curtailment.ReplayServer;

/// <summary>The faults switched on, thread-safe: one-shot counters are spent under a lock.</summary>
internal sealed class FaultBook
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _faults = [];
    private int _nextId = 1;
    private int _version;

    /// <summary>Changes whenever a fault is added, spent or removed (a cache key for generated files).</summary>
    public int Version => Volatile.Read(ref _version);

    public int Add(ReplayFault fault)
    {
        lock (_lock)
        {
            var id = _nextId++;
            _faults.Add(new Entry(id, fault) { Remaining = fault.Times });
            _version++;
            return id;
        }
    }

    public bool Remove(int id)
    {
        lock (_lock)
        {
            _version++;
            return _faults.RemoveAll(f => f.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
            _version++;
        }
    }

    public IReadOnlyList<(int Id, ReplayFault Fault, int? Remaining)> List()
    {
        lock (_lock)
        {
            return [.. _faults.Select(f => (f.Id, f.Fault, f.Remaining))];
        }
    }

    /// <summary>The first HTTP fault for a request of <paramref name="feed"/>'s file whose period <paramref name="inPeriod"/> accepts; spends one use.</summary>
    public ReplayFault? TakeHttpFault(string feed, Func<DateOnly, bool> inPeriod)
    {
        lock (_lock)
        {
            foreach (var entry in _faults)
            {
                var fault = entry.Fault;
                if (!fault.IsHttpFault || !FeedMatches(fault, feed) || (fault.Day is { } day && !inPeriod(day)) || entry.Remaining == 0)
                {
                    continue;
                }

                if (entry.Remaining is { } left)
                {
                    entry.Remaining = left - 1;
                    _version++;
                }

                return fault;
            }

            return null;
        }
    }

    /// <summary>
    /// How publication of <paramref name="feed"/>'s data of <paramref name="day"/> is disturbed: never, or late by the
    /// summed delays. A null day asks only for the faults that hold for every period.
    /// </summary>
    public (bool Never, TimeSpan Delay) Publication(string feed, DateOnly? day)
    {
        lock (_lock)
        {
            var never = false;
            var delay = TimeSpan.Zero;
            foreach (var entry in _faults)
            {
                var fault = entry.Fault;
                if (fault.IsHttpFault || !FeedMatches(fault, feed) || (fault.Day is { } d && d != day))
                {
                    continue;
                }

                never |= fault.Kind == ReplayFaultKind.Never;
                delay += fault.Delay ?? TimeSpan.Zero;
            }

            return (never, delay);
        }
    }

    private static bool FeedMatches(ReplayFault fault, string feed) =>
        fault.Feed is null || fault.Feed.Equals(feed, StringComparison.OrdinalIgnoreCase);

    private sealed class Entry(int id, ReplayFault fault)
    {
        public int Id { get; } = id;

        public ReplayFault Fault { get; } = fault;

        public int? Remaining { get; set; }
    }
}
