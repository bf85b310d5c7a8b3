using System.Runtime.InteropServices;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;

namespace Curtailment.Ingestion.Common;

/// <summary>
/// Collects a file's observations into an <see cref="ImportBatch"/> and enforces the row rules every
/// importer shares: a key seen twice with the same value is kept once; with a different value the
/// later row is rejected, naming the line that came first.
/// </summary>
public sealed class BatchBuilder
{
    /// <summary>How many series are found by reference before the lookup by value (files carry a handful).</summary>
    private const int RecentSeries = 32;

    // Keys seen, one index per (region, series) keyed by the start alone: hashing the two strings of every
    // cell cost more than the rest of the bookkeeping. Importers pass the same string instances row after
    // row, so the recent series are found by reference; equal strings that are other instances still find
    // their index through the lookup by value.
    private readonly Dictionary<(string Region, string Series), Dictionary<long, (double Value, int Line)>> _seen = [];
    private readonly (string Region, string Series, Dictionary<long, (double Value, int Line)> Starts)[] _recent = new (string, string, Dictionary<long, (double, int)>)[RecentSeries];
    private int _recentCount;
    private int _startsPerSeries;

    /// <summary>Starts a batch for a file.</summary>
    public BatchBuilder(string source, string fileName) => Batch = new ImportBatch(source, fileName);

    /// <summary>The batch being built.</summary>
    public ImportBatch Batch { get; }

    /// <summary>The importer's source name.</summary>
    public string Source => Batch.Source;

    /// <summary>The file's name, for messages.</summary>
    public string FileName => Batch.FileName;

    /// <summary>
    /// Makes room for about <paramref name="observations"/> observations spread over <paramref name="series"/>
    /// series, so a long file does not grow the batch and its key indexes by doubling.
    /// </summary>
    public void EnsureCapacity(int observations, int series)
    {
        Batch.Observations.EnsureCapacity(observations);
        _startsPerSeries = observations / Math.Max(1, series);
    }

    /// <summary>Counts a data row as read.</summary>
    public void CountRow() => Batch.RowsRead++;

    /// <summary>
    /// Adds an observation read from <paramref name="row"/>; false when it conflicts with an earlier row (then the
    /// row is rejected). The row's text is only read for the rejection.
    /// </summary>
    public bool Add(CsvLine row, string column, Observation observation)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Add(row.Line, row, null, column, observation);
    }

    /// <summary>Adds an observation read on <paramref name="line"/>; false when it conflicts with an earlier row (then the row is rejected).</summary>
    public bool Add(int line, string rawText, string column, Observation observation) => Add(line, null, rawText, column, observation);

    private bool Add(int line, CsvLine? row, string? rawText, string column, Observation observation)
    {
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(
            StartsOf(observation.Region, observation.Series), observation.IntervalStart.UtcTicks, out var seen);
        if (seen)
        {
            if (first.Value.Equals(observation.Value))
            {
                return true;
            }

            Batch.Reject(line, column,
                $"duplicate key ({observation.Series} at {observation.IntervalStart:yyyy-MM-ddTHH:mm:ssK}) with a different value: {observation.Value} here, {first.Value} on line {first.Line}",
                row?.Raw ?? rawText!);
            return false;
        }

        first = (observation.Value, line);
        Batch.Observations.Add(observation);
        return true;
    }

    private Dictionary<long, (double Value, int Line)> StartsOf(string region, string series)
    {
        for (var i = 0; i < _recentCount; i++)
        {
            ref readonly var recent = ref _recent[i];
            if (ReferenceEquals(recent.Series, series) && ReferenceEquals(recent.Region, region))
            {
                return recent.Starts;
            }
        }

        if (!_seen.TryGetValue((region, series), out var starts))
        {
            starts = new Dictionary<long, (double Value, int Line)>(_startsPerSeries);
            _seen.Add((region, series), starts);
        }

        if (_recentCount < _recent.Length)
        {
            _recent[_recentCount++] = (region, series, starts);
        }

        return starts;
    }

    /// <summary>Refuses a row.</summary>
    public void Reject(int line, string? column, string reason, string rawText) => Batch.Reject(line, column, reason, rawText);

    /// <summary>Records that the file covers <c>[start, end)</c> of a sparse series.</summary>
    public void Cover(string region, string series, DateTimeOffset start, DateTimeOffset end, DateTimeOffset publishedAt) =>
        Batch.Coverage.Add(new CoverageSpan(region, series, start, end, publishedAt));
}
