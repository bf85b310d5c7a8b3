using Curtailment.Core.Ingest;

namespace Curtailment.Storage.Sql;

/// <summary>An <c>ingest_run</c> row before the store gives it an id and a finish time.</summary>
/// <param name="Source">The importer's source name.</param>
/// <param name="FileName">The file's name.</param>
/// <param name="FileSha256">The file's content hash: the same content is stored once.</param>
/// <param name="StartedAt">When the ingest began.</param>
/// <param name="Status">The outcome.</param>
/// <param name="RowsRead">Rows the importer read.</param>
/// <param name="Accepted">Observations stored.</param>
/// <param name="Rejected">Rows rejected with a reason.</param>
/// <param name="Message">Why a run failed or changed nothing; null for a stored file.</param>
internal sealed record IngestRunDraft(
    string Source, string FileName, string FileSha256, DateTimeOffset StartedAt, IngestRunStatus Status,
    int RowsRead, int Accepted, int Rejected, string? Message)
{
    /// <summary>A file whose rows were all stored (or rejected with reasons).</summary>
    public static IngestRunDraft Succeeded(ImportBatch batch, string fileSha256, DateTimeOffset startedAt) =>
        new(batch.Source, batch.FileName, fileSha256, startedAt, IngestRunStatus.Succeeded,
            batch.RowsRead, batch.Observations.Count, batch.Rejected.Count, null);

    /// <summary>A file with the same content as an earlier successful run: nothing is written.</summary>
    public static IngestRunDraft Unchanged(ImportBatch batch, string fileSha256, DateTimeOffset startedAt, long previousRunId) =>
        new(batch.Source, batch.FileName, fileSha256, startedAt, IngestRunStatus.Unchanged,
            batch.RowsRead, 0, 0, $"Same content as run {previousRunId}; nothing changed.");

    /// <summary>A file that could not be read at all.</summary>
    public static IngestRunDraft Failed(string source, string fileName, string fileSha256, DateTimeOffset startedAt, string message) =>
        new(source, fileName, fileSha256, startedAt, IngestRunStatus.Failed, 0, 0, 0, message);

    /// <summary>The stored run.</summary>
    public IngestRun ToRun(long id, DateTimeOffset finishedAt) =>
        new(id, Source, FileName, FileSha256, StartedAt, finishedAt, Status, RowsRead, Accepted, Rejected, Message);
}
