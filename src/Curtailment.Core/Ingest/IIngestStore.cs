namespace Curtailment.Core.Ingest;

/// <summary>Writes parsed files to the store, one transaction per file.</summary>
public interface IIngestStore
{
    /// <summary>
    /// Stores a batch atomically: observations (upserted on region, series, interval start, source),
    /// coverage spans, rejected rows and the run record. A file whose source and hash were stored
    /// before changes nothing and returns a run with status <see cref="IngestRunStatus.Unchanged"/>.
    /// </summary>
    Task<IngestRun> SaveAsync(ImportBatch batch, string fileSha256, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Records a failed run; no observation is touched.</summary>
    Task<IngestRun> RecordFailureAsync(string source, string fileName, string fileSha256, DateTimeOffset startedAt, string message, CancellationToken cancellationToken);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<IngestRun>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The rows a run refused, in file order.</summary>
    Task<IReadOnlyList<RejectedRow>> ListRejectedRowsAsync(long runId, CancellationToken cancellationToken);
}
