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
    private readonly Dictionary<(string Region, string Series, long Start), (double Value, int Line)> _seen = [];

    /// <summary>Starts a batch for a file.</summary>
    public BatchBuilder(string source, string fileName) => Batch = new ImportBatch(source, fileName);

    /// <summary>The batch being built.</summary>
    public ImportBatch Batch { get; }

    /// <summary>The importer's source name.</summary>
    public string Source => Batch.Source;

    /// <summary>The file's name, for messages.</summary>
    public string FileName => Batch.FileName;

    /// <summary>Counts a data row as read.</summary>
    public void CountRow() => Batch.RowsRead++;

    /// <summary>Adds an observation read on <paramref name="line"/>; false when it conflicts with an earlier row (then the row is rejected).</summary>
    public bool Add(int line, string rawText, string column, Observation observation)
    {
        var key = (observation.Region, observation.Series, observation.IntervalStart.UtcTicks);
        if (_seen.TryGetValue(key, out var first))
        {
            if (first.Value.Equals(observation.Value))
            {
                return true;
            }

            Batch.Reject(line, column,
                $"duplicate key ({observation.Series} at {observation.IntervalStart:yyyy-MM-ddTHH:mm:ssK}) with a different value: {observation.Value} here, {first.Value} on line {first.Line}",
                rawText);
            return false;
        }

        _seen.Add(key, (observation.Value, line));
        Batch.Observations.Add(observation);
        return true;
    }

    /// <summary>Refuses a row.</summary>
    public void Reject(int line, string? column, string reason, string rawText) => Batch.Reject(line, column, reason, rawText);

    /// <summary>Records that the file covers <c>[start, end)</c> of a sparse series.</summary>
    public void Cover(string region, string series, DateTimeOffset start, DateTimeOffset end, DateTimeOffset publishedAt) =>
        Batch.Coverage.Add(new CoverageSpan(region, series, start, end, publishedAt));
}
