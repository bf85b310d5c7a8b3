using System.Data.Common;
using System.Runtime.InteropServices;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Dapper;

namespace Curtailment.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public async Task<IngestRun> SaveAsync(ImportBatch batch, string fileSha256, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await OpenAsync(cancellationToken);
        await using var session = BeginBulkWrite(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Two processes importing the same file at once take turns here, so the second sees the first's run
        // and records 'Unchanged' instead of storing the file twice.
        await LockAsync(connection, transaction, $"{batch.Source}:{fileSha256}", cancellationToken);
        if (await FindRunAsync(connection, transaction, batch.Source, fileSha256, cancellationToken) is { } previous)
        {
            var unchanged = await InsertRunAsync(connection, transaction, IngestRunDraft.Unchanged(batch, fileSha256, startedAt, previous), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogUnchanged(Logger, batch.FileName, batch.Source, previous);
            return unchanged;
        }

        var run = await InsertRunAsync(connection, transaction, IngestRunDraft.Succeeded(batch, fileSha256, startedAt), cancellationToken);
        var keys = await CreateSeriesKeysAsync(connection, transaction, batch.Source, SeriesOf(batch), cancellationToken);
        if (batch.Observations.Count > 0)
        {
            var order = ObservationOrder.Create(batch.Observations, (region, series) => keys[(region, series)]);
            await WriteObservationsAsync(connection, transaction, batch.Observations, order, run.Id, cancellationToken);
        }

        if (batch.Coverage.Count > 0)
        {
            await WriteCoverageAsync(connection, transaction, FoldCoverage(batch.Coverage, keys), run.Id, cancellationToken);
        }

        if (batch.Rejected.Count > 0)
        {
            await WriteRejectedAsync(connection, transaction, batch.Rejected, run.Id, cancellationToken);
        }

        await WriteSeriesRunsAsync(connection, transaction, [.. keys.Values.Distinct().Order()], run.Id, cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        LogStored(Logger, batch.Observations.Count, batch.Rejected.Count, batch.Source, batch.FileName, run.Id);
        return run;
    }

    /// <inheritdoc />
    public async Task<IngestRun> RecordFailureAsync(string source, string fileName, string fileSha256, DateTimeOffset startedAt, string message, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await InsertRunAsync(connection, null, IngestRunDraft.Failed(source, fileName, fileSha256, startedAt, message), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT id, source, file_name, file_sha256, started_at, finished_at, status, rows_read, accepted, rejected, message
            FROM ingest_run ORDER BY id DESC LIMIT @limit
            """);
        command.Add("limit", limit);
        var runs = new List<IngestRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new IngestRun(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                FromUnix(reader.GetInt64(4)), FromUnix(reader.GetInt64(5)), Enum.Parse<IngestRunStatus>(reader.GetString(6)),
                reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RejectedRow>> ListRejectedRowsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT line, column_name, reason, raw_text FROM rejected_row WHERE run_id = @r ORDER BY {RejectedRowOrder}");
        command.Add("r", runId);
        var rows = new List<RejectedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RejectedRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>
    /// The revision rule of the observation upsert (ADR 0003), for a statement whose target is <paramref name="target"/>.
    /// Same value and duration: the stored row stays as it is, so re-importing changes nothing. A revised value takes
    /// the later publication time (<paramref name="greatest"/>: the dialect's two-argument maximum), so an as-of read
    /// never sees a revision before it existed.
    /// </summary>
    private protected static string ObservationConflictRule(string target, string greatest) => $"""
        ON CONFLICT (series_key, interval_start) DO UPDATE SET
            value = excluded.value,
            duration_s = excluded.duration_s,
            published_at = {greatest}({target}.published_at, excluded.published_at),
            ingest_run = excluded.ingest_run,
            note = excluded.note
        WHERE {target}.value <> excluded.value OR {target}.duration_s <> excluded.duration_s
        """;

    /// <summary>The column that keeps a run's rejected rows in file order.</summary>
    private protected abstract string RejectedRowOrder { get; }

    /// <summary>
    /// Readies a connection for a transaction that writes a whole file; disposing the result undoes it. By default,
    /// nothing to do.
    /// </summary>
    private protected virtual IAsyncDisposable? BeginBulkWrite(DbConnection connection) => null;

    /// <summary>
    /// Maps each (region, series) of <paramref name="series"/> to its key, creating missing keys for
    /// <paramref name="source"/> inside the ingest's transaction.
    /// </summary>
    private protected abstract Task<Dictionary<(string Region, string Series), long>> CreateSeriesKeysAsync(
        DbConnection connection, DbTransaction transaction, string source, IReadOnlyList<(string Region, string Series)> series,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes the batch's observations in <paramref name="order"/> under the revision rule
    /// (<see cref="ObservationConflictRule"/>); within a batch, a later row of the same key counts as a later revision.
    /// </summary>
    private protected abstract Task WriteObservationsAsync(
        DbConnection connection, DbTransaction transaction, List<Observation> observations, ObservationOrder order, long runId,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes coverage spans, one per key; a span stored before keeps the earlier of its two publication times.
    /// </summary>
    private protected abstract Task WriteCoverageAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<CoverageRow> spans, long runId, CancellationToken cancellationToken);

    /// <summary>Writes the run's rejected rows in file order.</summary>
    private protected abstract Task WriteRejectedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<RejectedRow> rows, long runId, CancellationToken cancellationToken);

    /// <summary>Records that the run wrote to each of <paramref name="seriesKeys"/> (the summary's last ingest).</summary>
    private protected abstract Task WriteSeriesRunsAsync(
        DbConnection connection, DbTransaction transaction, long[] seriesKeys, long runId, CancellationToken cancellationToken);

    /// <summary>Every (region, series) of the batch, observations then coverage, in order of first appearance.</summary>
    private static List<(string Region, string Series)> SeriesOf(ImportBatch batch)
    {
        var seen = new HashSet<(string, string)>();
        var ordered = new List<(string, string)>();
        string? lastRegion = null;
        string? lastSeries = null;
        foreach (ref readonly var o in CollectionsMarshal.AsSpan(batch.Observations))
        {
            // Importers reuse string instances row after row: skip the hashing when nothing changed.
            if (!ReferenceEquals(o.Region, lastRegion) || !ReferenceEquals(o.Series, lastSeries))
            {
                if (seen.Add((o.Region, o.Series)))
                {
                    ordered.Add((o.Region, o.Series));
                }

                (lastRegion, lastSeries) = (o.Region, o.Series);
            }
        }

        foreach (var span in batch.Coverage)
        {
            if (seen.Add((span.Region, span.Series)))
            {
                ordered.Add((span.Region, span.Series));
            }
        }

        return ordered;
    }

    /// <summary>
    /// One row per span (an upsert may touch a row once per statement); a span listed twice keeps its earlier
    /// publication time, as the stored one does.
    /// </summary>
    private static CoverageRow[] FoldCoverage(List<CoverageSpan> coverage, Dictionary<(string Region, string Series), long> keys) =>
        coverage
            .GroupBy(c => (Key: keys[(c.Region, c.Series)], Start: ToUnix(c.Start), End: ToUnix(c.End)))
            .Select(g => new CoverageRow(g.Key.Key, g.Key.Start, g.Key.End, g.Min(c => ToUnix(c.PublishedAt))))
            .OrderBy(s => s.Key).ThenBy(s => s.Start).ThenBy(s => s.End)
            .ToArray();

    private static async Task<long?> FindRunAsync(DbConnection connection, DbTransaction transaction, string source, string sha256, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM ingest_run WHERE source = @source AND file_sha256 = @sha256 AND status = 'Succeeded' ORDER BY id LIMIT 1",
            new { source, sha256 }, transaction, cancellationToken: cancellationToken));

    private async Task<IngestRun> InsertRunAsync(DbConnection connection, DbTransaction? transaction, IngestRunDraft run, CancellationToken cancellationToken)
    {
        var finishedAt = Time.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO ingest_run (source, file_name, file_sha256, started_at, finished_at, status, rows_read, accepted, rejected, message)
            VALUES (@Source, @FileName, @FileSha256, @started, @finished, @status, @RowsRead, @Accepted, @Rejected, @Message)
            RETURNING id
            """,
            new
            {
                run.Source, run.FileName, run.FileSha256, started = ToUnix(run.StartedAt), finished = ToUnix(finishedAt),
                status = run.Status.ToString(), run.RowsRead, run.Accepted, run.Rejected, run.Message,
            },
            transaction, cancellationToken: cancellationToken));
        return run.ToRun(id, finishedAt);
    }

    /// <summary>A <c>coverage</c> row: series key and span in Unix seconds.</summary>
    private protected readonly record struct CoverageRow(long Key, long Start, long End, long PublishedAt);
}
