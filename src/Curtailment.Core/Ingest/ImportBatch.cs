using System.Runtime.InteropServices;
using Curtailment.Core.Observations;

namespace Curtailment.Core.Ingest;

/// <summary>
/// Everything parsed from one file, before any of it touches the store: the store writes a batch in
/// one transaction, or not at all.
/// </summary>
public sealed class ImportBatch
{
    /// <summary>Creates an empty batch for a file.</summary>
    public ImportBatch(string source, string fileName)
    {
        Source = source;
        FileName = fileName;
    }

    /// <summary>The importer's source name (<c>caiso-production</c>).</summary>
    public string Source { get; }

    /// <summary>The file's name as given to the importer.</summary>
    public string FileName { get; }

    /// <summary>Data rows read (header and preamble lines excluded).</summary>
    public int RowsRead { get; set; }

    /// <summary>Observations to store.</summary>
    public List<Observation> Observations { get; } = [];

    /// <summary>Rows refused, with reasons.</summary>
    public List<RejectedRow> Rejected { get; } = [];

    /// <summary>Spans within which missing intervals of sparse series mean zero.</summary>
    public List<CoverageSpan> Coverage { get; } = [];

    /// <summary>
    /// Moves every publication time earlier than <paramref name="receivedAt"/> up to it: a value is not known before
    /// the file holding it arrived, whatever the operator's publication rule says. For files fetched live; history
    /// imported from files keeps the rule's times.
    /// </summary>
    public void FloorPublishedAt(DateTimeOffset receivedAt)
    {
        var utc = receivedAt.ToUniversalTime();
        foreach (ref var observation in CollectionsMarshal.AsSpan(Observations))
        {
            if (observation.PublishedAt < utc)
            {
                observation = observation with { PublishedAt = utc };
            }
        }

        for (var i = 0; i < Coverage.Count; i++)
        {
            if (Coverage[i].PublishedAt < utc)
            {
                Coverage[i] = Coverage[i] with { PublishedAt = utc };
            }
        }
    }

    /// <summary>Refuses a row.</summary>
    public void Reject(int line, string? column, string reason, string rawText) =>
        Rejected.Add(new RejectedRow(line, column, reason, rawText));
}
