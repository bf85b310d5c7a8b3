using System.Runtime.InteropServices;
using System.Text;
using Curtailment.Core.Ingest;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IngestRun> SaveAsync(ImportBatch batch, string fileSha256, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = Open();

        var previous = await FindRunAsync(connection, batch.Source, fileSha256, cancellationToken);
        if (previous is not null)
        {
            return await InsertRunAsync(connection, null, batch.Source, batch.FileName, fileSha256, startedAt,
                IngestRunStatus.Unchanged, batch.RowsRead, 0, 0, $"Same content as run {previous}; nothing changed.", cancellationToken);
        }

        // A year of 5-minute data touches tens of thousands of pages: a larger cache keeps the B-tree
        // interior pages and the transaction's dirty pages in memory instead of spilling to the WAL mid-way.
        // Set per ingest and restored after, so pooled connections used for reads stay small.
        SetPragmas(connection, $"PRAGMA cache_size = -{IngestCacheKib}; PRAGMA temp_store = MEMORY;");
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var run = await InsertRunAsync(connection, transaction, batch.Source, batch.FileName, fileSha256, startedAt,
                IngestRunStatus.Succeeded, batch.RowsRead, batch.Observations.Count, batch.Rejected.Count, null, cancellationToken);

            var keys = new SeriesKeyCache(connection, transaction);
            WriteObservations(connection, transaction, batch, run.Id, keys, PlainInsertIntoEmptySpans);
            WriteCoverage(connection, transaction, batch, run.Id, keys);
            WriteRejected(connection, transaction, batch, run.Id);
            WriteSeriesRuns(connection, transaction, keys.Used, run.Id);

            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(cancellationToken);
            return run;
        }
        finally
        {
            SetPragmas(connection, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;");
        }
    }

    /// <summary>Page cache of an ingest connection, KiB.</summary>
    private const int IngestCacheKib = 65536;

    /// <summary>
    /// Whether series with no stored rows in a batch's span are written with a plain INSERT (the default)
    /// rather than the upsert; both give the same rows. Off only in tests that compare the two paths.
    /// </summary>
    internal bool PlainInsertIntoEmptySpans { get; init; } = true;

    private static void SetPragmas(SqliteConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task<IngestRun> RecordFailureAsync(string source, string fileName, string fileSha256, DateTimeOffset startedAt, string message, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await InsertRunAsync(connection, null, source, fileName, fileSha256, startedAt, IngestRunStatus.Failed, 0, 0, 0, message, cancellationToken);
    }

    // Same value: leave the row alone (re-import changes nothing). A revised value takes the later
    // publication time, so an as-of read never sees a revision before it existed (ADR 0003).
    private const string UpsertObservationSql = """
        INSERT INTO observation (series_key, interval_start, duration_s, value, published_at, ingest_run, note)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (series_key, interval_start) DO UPDATE SET
            value = excluded.value,
            duration_s = excluded.duration_s,
            published_at = MAX(observation.published_at, excluded.published_at),
            ingest_run = excluded.ingest_run,
            note = excluded.note
        WHERE observation.value <> excluded.value OR observation.duration_s <> excluded.duration_s
        """;

    // For a series with no stored row anywhere in the batch's span (and no repeated start within the batch)
    // no conflict can arise, so the upsert would always insert: a plain INSERT gives the same rows cheaper.
    private const string InsertObservationSql = """
        INSERT INTO observation (series_key, interval_start, duration_s, value, published_at, ingest_run, note)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        """;

    /// <summary>
    /// Whether the plain-INSERT path may be used for a series run; internal for the tests. It runs inside the
    /// ingest's write transaction (the run row is already written), so no other writer can add a row between
    /// this check and the inserts.
    /// </summary>
    internal static bool CanInsertWithoutUpsert(SqliteConnection connection, SqliteTransaction transaction, ObservationOrder.SeriesRun run)
    {
        if (run.HasDuplicateStarts)
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM observation WHERE series_key = $k AND interval_start BETWEEN $first AND $last)";
        command.Parameters.AddWithValue("$k", run.Key);
        command.Parameters.AddWithValue("$first", run.FirstStart);
        command.Parameters.AddWithValue("$last", run.LastStart);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    private static void WriteObservations(SqliteConnection connection, SqliteTransaction transaction, ImportBatch batch, long runId, SeriesKeyCache keys, bool allowPlainInsert)
    {
        if (batch.Observations.Count == 0)
        {
            return;
        }

        var order = ObservationOrder.Create(batch.Observations, (region, series) => keys.Get(region, series, batch.Source));
        var observations = CollectionsMarshal.AsSpan(batch.Observations);
        using var upsert = new RawStatement(connection, UpsertObservationSql);
        using var insert = new RawStatement(connection, InsertObservationSql);
        upsert.Bind(6, runId);
        insert.Bind(6, runId);

        // Notes repeat (one per source row, shared by its series): encode each string instance once.
        string? lastNote = null;
        byte[] lastNoteUtf8 = [];
        foreach (var run in order.Runs)
        {
            var statement = allowPlainInsert && CanInsertWithoutUpsert(connection, transaction, run) ? insert : upsert;
            statement.Bind(1, run.Key);
            // Bindings persist between executions: rebind duration and note only when they change
            // (they rarely do), which saves two native calls per row.
            long? boundDuration = null;
            var noteBound = false;
            string? boundNote = null;
            foreach (var i in order.Indices.AsSpan(run.Offset, run.Count))
            {
                ref readonly var o = ref observations[i];
                statement.Bind(2, order.Starts[i]);
                var duration = (long)o.Duration.TotalSeconds;
                if (duration != boundDuration)
                {
                    statement.Bind(3, duration);
                    boundDuration = duration;
                }

                statement.Bind(4, o.Value);
                statement.Bind(5, ToUnix(o.PublishedAt));
                if (!noteBound || !ReferenceEquals(o.Note, boundNote))
                {
                    if (o.Note is null)
                    {
                        statement.BindNull(7);
                    }
                    else
                    {
                        if (!ReferenceEquals(o.Note, lastNote))
                        {
                            lastNote = o.Note;
                            lastNoteUtf8 = Encoding.UTF8.GetBytes(o.Note);
                        }

                        statement.Bind(7, lastNoteUtf8);
                    }

                    boundNote = o.Note;
                    noteBound = true;
                }

                statement.Execute();
            }
        }
    }

    private static void WriteCoverage(SqliteConnection connection, SqliteTransaction transaction, ImportBatch batch, long runId, SeriesKeyCache keys)
    {
        if (batch.Coverage.Count == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO coverage (series_key, span_start, span_end, published_at, ingest_run)
            VALUES ($k, $s, $e, $p, $r)
            ON CONFLICT (series_key, span_start, span_end) DO UPDATE SET
                published_at = MIN(coverage.published_at, excluded.published_at)
            """;
        var key = command.Parameters.Add("$k", SqliteType.Integer);
        var start = command.Parameters.Add("$s", SqliteType.Integer);
        var end = command.Parameters.Add("$e", SqliteType.Integer);
        var published = command.Parameters.Add("$p", SqliteType.Integer);
        command.Parameters.AddWithValue("$r", runId);
        foreach (var span in batch.Coverage)
        {
            key.Value = keys.Get(span.Region, span.Series, batch.Source);
            start.Value = ToUnix(span.Start);
            end.Value = ToUnix(span.End);
            published.Value = ToUnix(span.PublishedAt);
            command.ExecuteNonQuery();
        }
    }

    private static void WriteRejected(SqliteConnection connection, SqliteTransaction transaction, ImportBatch batch, long runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO rejected_row (run_id, line, column_name, reason, raw_text) VALUES ($r, $l, $c, $why, $raw)";
        command.Parameters.AddWithValue("$r", runId);
        var line = command.Parameters.Add("$l", SqliteType.Integer);
        var column = command.Parameters.Add("$c", SqliteType.Text);
        var reason = command.Parameters.Add("$why", SqliteType.Text);
        var raw = command.Parameters.Add("$raw", SqliteType.Text);
        foreach (var row in batch.Rejected)
        {
            line.Value = row.Line;
            column.Value = (object?)row.Column ?? DBNull.Value;
            reason.Value = row.Reason;
            raw.Value = row.RawText;
            command.ExecuteNonQuery();
        }
    }

    private static void WriteSeriesRuns(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<long> seriesKeys, long runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO series_run (series_key, run_id) VALUES ($k, $r)";
        var key = command.Parameters.Add("$k", SqliteType.Integer);
        command.Parameters.AddWithValue("$r", runId);
        foreach (var k in seriesKeys)
        {
            key.Value = k;
            command.ExecuteNonQuery();
        }
    }

    private static async Task<long?> FindRunAsync(SqliteConnection connection, string source, string sha256, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM ingest_run WHERE source = $s AND file_sha256 = $h AND status = 'Succeeded' ORDER BY id LIMIT 1";
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$h", sha256);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? null : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IngestRun> InsertRunAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string source, string fileName, string sha256,
        DateTimeOffset startedAt, IngestRunStatus status, int rowsRead, int accepted, int rejected, string? message,
        CancellationToken cancellationToken)
    {
        var finishedAt = _time.GetUtcNow();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO ingest_run (source, file_name, file_sha256, started_at, finished_at, status, rows_read, accepted, rejected, message)
            VALUES ($source, $file, $hash, $started, $finished, $status, $read, $accepted, $rejected, $message)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$file", fileName);
        command.Parameters.AddWithValue("$hash", sha256);
        command.Parameters.AddWithValue("$started", ToUnix(startedAt));
        command.Parameters.AddWithValue("$finished", ToUnix(finishedAt));
        command.Parameters.AddWithValue("$status", status.ToString());
        command.Parameters.AddWithValue("$read", rowsRead);
        command.Parameters.AddWithValue("$accepted", accepted);
        command.Parameters.AddWithValue("$rejected", rejected);
        command.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return new IngestRun(id, source, fileName, sha256, startedAt, finishedAt, status, rowsRead, accepted, rejected, message);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, source, file_name, file_sha256, started_at, finished_at, status, rows_read, accepted, rejected, message
            FROM ingest_run ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
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
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT line, column_name, reason, raw_text FROM rejected_row WHERE run_id = $r ORDER BY rowid";
        command.Parameters.AddWithValue("$r", runId);
        var rows = new List<RejectedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RejectedRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Maps (region, series, source) to its integer key, creating keys on first use within the transaction.</summary>
    private sealed class SeriesKeyCache(SqliteConnection connection, SqliteTransaction transaction)
    {
        private readonly Dictionary<(string, string, string), long> _keys = [];

        public IEnumerable<long> Used => _keys.Values;

        public long Get(string region, string series, string source)
        {
            if (_keys.TryGetValue((region, series, source), out var id))
            {
                return id;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO series_key (region, series, source) VALUES ($g, $s, $o)
                ON CONFLICT (region, series, source) DO UPDATE SET region = excluded.region
                RETURNING id
                """;
            command.Parameters.AddWithValue("$g", region);
            command.Parameters.AddWithValue("$s", series);
            command.Parameters.AddWithValue("$o", source);
            id = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            _keys[(region, series, source)] = id;
            return id;
        }
    }
}
