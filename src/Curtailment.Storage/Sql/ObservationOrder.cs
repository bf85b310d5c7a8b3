using System.Runtime.InteropServices;
using Curtailment.Core.Observations;

namespace Curtailment.Storage.Sql;

/// <summary>
/// The order in which a batch's observations are written: grouped by series key, then by interval start,
/// keeping batch order among equal keys (so a later duplicate still wins, as it would unsorted). Sorted
/// writes append to the end of each series' B-tree range instead of hopping between series, and each
/// series becomes one run whose span can be checked against the store once.
/// </summary>
internal sealed class ObservationOrder
{
    private ObservationOrder(int[] indices, long[] starts, SeriesRun[] runs)
    {
        Indices = indices;
        Starts = starts;
        Runs = runs;
    }

    /// <summary>Observation indices (into the batch) in write order.</summary>
    public int[] Indices { get; }

    /// <summary>Interval start of each observation (by batch index), Unix seconds.</summary>
    public long[] Starts { get; }

    /// <summary>One run of <see cref="Indices"/> per series, in series-key order.</summary>
    public SeriesRun[] Runs { get; }

    /// <summary>
    /// Orders <paramref name="observations"/>; <paramref name="keyOf"/> maps (region, series) to the store's
    /// series key and is called once per distinct series.
    /// </summary>
    public static ObservationOrder Create(List<Observation> observations, Func<string, string, long> keyOf)
    {
        var items = CollectionsMarshal.AsSpan(observations);
        var starts = new long[items.Length];
        var slotOf = new int[items.Length];
        var slots = new SeriesSlots();
        for (var i = 0; i < items.Length; i++)
        {
            starts[i] = items[i].IntervalStart.ToUnixTimeSeconds();
            slotOf[i] = slots.SlotOf(items[i].Region, items[i].Series);
        }

        var keys = new long[slots.Count];
        var counts = new int[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            var (region, series) = slots[s];
            keys[s] = keyOf(region, series);
        }

        foreach (var slot in slotOf)
        {
            counts[slot]++;
        }

        // Counting sort by series (stable), then each series' run is sorted by start only when it is not
        // already: files list time forwards, so this is linear for every importer we have.
        var bySeriesKey = Enumerable.Range(0, slots.Count).OrderBy(s => keys[s]).ToArray();
        var next = new int[slots.Count];
        var offset = 0;
        foreach (var s in bySeriesKey)
        {
            next[s] = offset;
            offset += counts[s];
        }

        var indices = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            indices[next[slotOf[i]]++] = i;
        }

        var runs = new SeriesRun[slots.Count];
        offset = 0;
        for (var r = 0; r < bySeriesKey.Length; r++)
        {
            var s = bySeriesKey[r];
            var run = indices.AsSpan(offset, counts[s]);
            var (ascending, duplicates) = Inspect(run, starts);
            if (!ascending)
            {
                run.Sort((a, b) => starts[a] != starts[b] ? starts[a].CompareTo(starts[b]) : a.CompareTo(b));
                (_, duplicates) = Inspect(run, starts);
            }

            runs[r] = new SeriesRun(keys[s], offset, counts[s], starts[run[0]], starts[run[^1]], duplicates);
            offset += counts[s];
        }

        return new ObservationOrder(indices, starts, runs);
    }

    private static (bool Ascending, bool Duplicates) Inspect(ReadOnlySpan<int> run, long[] starts)
    {
        var ascending = true;
        var duplicates = false;
        for (var j = 1; j < run.Length; j++)
        {
            var previous = starts[run[j - 1]];
            var current = starts[run[j]];
            ascending &= current >= previous;
            duplicates |= current == previous;
        }

        return (ascending, duplicates);
    }

    /// <summary>The observations of one series within <see cref="Indices"/>.</summary>
    /// <param name="Key">The store's series key.</param>
    /// <param name="Offset">First position in <see cref="Indices"/>.</param>
    /// <param name="Count">Number of observations.</param>
    /// <param name="FirstStart">Earliest interval start, Unix seconds.</param>
    /// <param name="LastStart">Latest interval start, Unix seconds.</param>
    /// <param name="HasDuplicateStarts">Whether two observations share an interval start.</param>
    internal readonly record struct SeriesRun(long Key, int Offset, int Count, long FirstStart, long LastStart, bool HasDuplicateStarts);

    /// <summary>Numbers the distinct (region, series) pairs of a batch.</summary>
    private sealed class SeriesSlots
    {
        private readonly List<(string Region, string Series)> _slots = [];
        private readonly Dictionary<(string Region, string Series), int> _bySeries = [];
        private int _last = -1;

        public int Count => _slots.Count;

        public (string Region, string Series) this[int slot] => _slots[slot];

        public int SlotOf(string region, string series)
        {
            // Importers emit a row's series in the same order row after row and reuse the same string
            // instances, so "the slot after the last one" by reference is nearly always the answer and
            // spares hashing two strings per observation.
            var guess = _last + 1 < _slots.Count ? _last + 1 : 0;
            if (guess < _slots.Count && ReferenceEquals(_slots[guess].Series, series) && ReferenceEquals(_slots[guess].Region, region))
            {
                return _last = guess;
            }

            if (!_bySeries.TryGetValue((region, series), out var slot))
            {
                slot = _slots.Count;
                _slots.Add((region, series));
                _bySeries.Add((region, series), slot);
            }

            return _last = slot;
        }
    }
}
