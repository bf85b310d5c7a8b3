namespace Curtailment.Core.Ingest;

/// <summary>The record of importing one file.</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="Source">Importer source name.</param>
/// <param name="FileName">File name as given.</param>
/// <param name="FileSha256">Hex SHA-256 of the file's bytes.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="FinishedAt">When it finished (UTC).</param>
/// <param name="Status">Outcome.</param>
/// <param name="RowsRead">Data rows read.</param>
/// <param name="ObservationsAccepted">Observations written or confirmed unchanged.</param>
/// <param name="RowsRejected">Rows refused.</param>
/// <param name="Message">Failure message, or null.</param>
public sealed record IngestRun(
    long Id,
    string Source,
    string FileName,
    string FileSha256,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IngestRunStatus Status,
    int RowsRead,
    int ObservationsAccepted,
    int RowsRejected,
    string? Message);
