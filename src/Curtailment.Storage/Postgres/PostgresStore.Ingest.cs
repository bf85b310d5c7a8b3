using System.Globalization;
using System.Runtime.InteropServices;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<IngestRun> SaveAsync(ImportBatch batch, string fileSha256, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Two processes importing the same file at once take turns here, so the second sees the first's run
        // and records 'Unchanged' instead of storing the file twice.
        await using (var lockFile = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@source || ':' || @hash, 0))", connection, transaction))
        {
            lockFile.Parameters.AddWithValue("source", batch.Source);
            lockFile.Parameters.AddWithValue("hash", fileSha256);
            await lockFile.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await FindRunAsync(connection, transaction, batch.Source, fileSha256, cancellationToken) is { } previous)
        {
            var unchanged = await InsertRunAsync(connection, transaction, batch.Source, batch.FileName, fileSha256, startedAt,
                IngestRunStatus.Unchanged, batch.RowsRead, 0, 0, $"Same content as run {previous}; nothing changed.", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogUnchanged(_logger, batch.FileName, batch.Source, previous);
            return unchanged;
        }

        var run = await InsertRunAsync(connection, transaction, batch.Source, batch.FileName, fileSha256, startedAt,
            IngestRunStatus.Succeeded, batch.RowsRead, batch.Observations.Count, batch.Rejected.Count, null, cancellationToken);
        var keys = await SeriesKeysAsync(connection, transaction, batch, cancellationToken);
        await WriteObservationsAsync(connection, transaction, batch, run.Id, keys, cancellationToken);
        await WriteCoverageAsync(connection, transaction, batch, run.Id, keys, cancellationToken);
        await WriteRejectedAsync(connection, transaction, batch, run.Id, cancellationToken);
        await using (var seriesRuns = new NpgsqlCommand(
            "INSERT INTO series_run (series_key, run_id) SELECT k, @run FROM unnest(@keys) AS k ON CONFLICT DO NOTHING", connection, transaction))
        {
            seriesRuns.Parameters.AddWithValue("run", run.Id);
            seriesRuns.Parameters.AddWithValue("keys", keys.Values.Distinct().Order().ToArray());
            await seriesRuns.ExecuteNonQueryAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        LogStored(_logger, batch.Observations.Count, batch.Rejected.Count, batch.Source, batch.FileName, run.Id);
        return run;
    }

    /// <inheritdoc />
    public async Task<IngestRun> RecordFailureAsync(string source, string fileName, string fileSha256, DateTimeOffset startedAt, string message, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await InsertRunAsync(connection, null, source, fileName, fileSha256, startedAt, IngestRunStatus.Failed, 0, 0, 0, message, cancellationToken);
    }

    /// <summary>
    /// Maps every (region, series) of the batch (observations and coverage) to its key, creating missing keys.
    /// One statement, in a fixed order: concurrent ingests of the same series lock the same key rows in the same
    /// order, so they queue rather than deadlock.
    /// </summary>
    private static async Task<Dictionary<(string Region, string Series), long>> SeriesKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch batch, CancellationToken cancellationToken)
    {
        var pairs = new HashSet<(string, string)>();
        string? lastRegion = null;
        string? lastSeries = null;
        foreach (ref readonly var o in CollectionsMarshal.AsSpan(batch.Observations))
        {
            // Importers reuse string instances row after row: skip the hashing when nothing changed.
            if (!ReferenceEquals(o.Region, lastRegion) || !ReferenceEquals(o.Series, lastSeries))
            {
                pairs.Add((o.Region, o.Series));
                (lastRegion, lastSeries) = (o.Region, o.Series);
            }
        }

        foreach (var span in batch.Coverage)
        {
            pairs.Add((span.Region, span.Series));
        }

        var keys = new Dictionary<(string, string), long>();
        if (pairs.Count == 0)
        {
            return keys;
        }

        var ordered = pairs.OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand("""
            INSERT INTO series_key (region, series, source)
            SELECT r, s, @source FROM unnest(@regions, @series) WITH ORDINALITY AS t (r, s, n) ORDER BY n
            ON CONFLICT (region, series, source) DO UPDATE SET region = excluded.region
            RETURNING id, region, series
            """, connection, transaction);
        command.Parameters.AddWithValue("source", batch.Source);
        command.Parameters.AddWithValue("regions", ordered.Select(p => p.Item1).ToArray());
        command.Parameters.AddWithValue("series", ordered.Select(p => p.Item2).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
        }

        return keys;
    }

    /// <summary>
    /// Binary COPY into a staging table (temporary: not WAL-logged, dropped at commit), then one set-based upsert:
    /// same value untouched (its earlier publication time stays), revised value takes the later publication time
    /// (ADR 0003). PostgreSQL's upsert may touch a row only once per statement, so repeated keys within the batch
    /// are folded first, in batch order (<see cref="Fold"/>).
    /// A series with no stored row in the batch's span and no repeated start is copied straight into
    /// <c>observation</c> instead: no conflict can arise, so the upsert would only insert, at three times the cost
    /// (the SQLite store's "plain insert into empty spans", ADR 0005). The check is race-free because the series-key
    /// upsert above locked this run's keys until commit, so no other ingest can write these series meanwhile.
    /// </summary>
    private static async Task WriteObservationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch batch, long runId,
        Dictionary<(string Region, string Series), long> keys, CancellationToken cancellationToken)
    {
        if (batch.Observations.Count == 0)
        {
            return;
        }

        var order = ObservationOrder.Create(batch.Observations, (region, series) => keys[(region, series)]);
        var direct = await EmptySpansAsync(connection, transaction, order.Runs, cancellationToken);
        if (direct.Any(d => d))
        {
            await CopyRowsAsync(connection,
                "COPY observation (series_key, interval_start, published_at, value, duration_s, note, ingest_run) FROM STDIN (FORMAT BINARY)",
                batch.Observations, order, direct, true, runId, cancellationToken);
        }

        if (direct.All(d => d))
        {
            return;
        }

        await using (var create = new NpgsqlCommand("""
            CREATE TEMPORARY TABLE observation_stage (
                series_key bigint NOT NULL, interval_start bigint NOT NULL, published_at bigint NOT NULL,
                value double precision NOT NULL, duration_s integer NOT NULL, note text) ON COMMIT DROP
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyRowsAsync(connection,
            "COPY observation_stage (series_key, interval_start, published_at, value, duration_s, note) FROM STDIN (FORMAT BINARY)",
            batch.Observations, order, direct, false, runId, cancellationToken);

        await using var merge = new NpgsqlCommand("""
            INSERT INTO observation AS o (series_key, interval_start, published_at, ingest_run, value, duration_s, note)
            SELECT series_key, interval_start, published_at, @run, value, duration_s, note FROM observation_stage
            ON CONFLICT (series_key, interval_start) DO UPDATE SET
                value = excluded.value,
                duration_s = excluded.duration_s,
                published_at = GREATEST(o.published_at, excluded.published_at),
                ingest_run = excluded.ingest_run,
                note = excluded.note
            WHERE o.value <> excluded.value OR o.duration_s <> excluded.duration_s
            """, connection, transaction);
        merge.CommandTimeout = BulkCommandTimeoutSeconds;
        merge.Parameters.AddWithValue("run", runId);
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>For each series run: whether it may be copied straight into <c>observation</c> (see above); internal for the tests.</summary>
    internal static async Task<bool[]> EmptySpansAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ObservationOrder.SeriesRun> runs, CancellationToken cancellationToken)
    {
        var result = new bool[runs.Count];
        await using var command = new NpgsqlCommand("""
            SELECT n, NOT EXISTS (SELECT 1 FROM observation o WHERE o.series_key = t.k AND o.interval_start BETWEEN t.f AND t.l)
            FROM unnest(@keys, @firsts, @lasts) WITH ORDINALITY AS t (k, f, l, n)
            """, connection, transaction);
        command.Parameters.AddWithValue("keys", runs.Select(r => r.Key).ToArray());
        command.Parameters.AddWithValue("firsts", runs.Select(r => r.FirstStart).ToArray());
        command.Parameters.AddWithValue("lasts", runs.Select(r => r.LastStart).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var i = (int)reader.GetInt64(0) - 1;
            result[i] = reader.GetBoolean(1) && !runs[i].HasDuplicateStarts;
        }

        return result;
    }

    /// <summary>
    /// Runs one binary COPY of the runs whose <paramref name="direct"/> flag equals <paramref name="directRows"/>. The
    /// server reports a refused row (a NaN value) when the COPY completes, i.e. when the stream is disposed, and the
    /// caller's transaction then rolls back.
    /// </summary>
    private static async Task CopyRowsAsync(
        NpgsqlConnection connection, string copyCommand, List<Observation> batch, ObservationOrder order, bool[] direct, bool directRows,
        long runId, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken);
        if (copy.CanTimeout)
        {
            copy.WriteTimeout = copy.ReadTimeout = BulkCommandTimeoutSeconds * 1000;
        }

        try
        {
            using var writer = new BinaryCopyWriter(copy);
            var (run, next) = (0, 0);
            int needed;
            while ((needed = FillRows(writer, batch, order, direct, directRows, runId, ref run, ref next)) > 0)
            {
                await writer.FlushAsync(needed, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }
        catch (Exception)
        {
            await CancelAsync(copy);
            throw;
        }
    }

    /// <summary>Abandons a COPY after a failure on our side, so that disposing the stream does not complete it.</summary>
    private static async Task CancelAsync(NpgsqlRawCopyStream copy)
    {
        try
        {
            await copy.CancelAsync();
        }
        catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The connection is already broken; the transaction is lost with it, which is what we want.
        }
    }

    /// <summary>
    /// Encodes rows of the runs whose <paramref name="direct"/> flag equals <paramref name="directRows"/>, in (series key,
    /// interval start) order, one row per key (see <see cref="Fold"/>), until the buffer is full; direct rows carry the
    /// run id as a last column. Resumes at (<paramref name="run"/>, <paramref name="next"/>); returns the bytes the row that
    /// did not fit needs, or 0 when every row is written.
    /// </summary>
    private static int FillRows(
        BinaryCopyWriter writer, List<Observation> batch, ObservationOrder order, bool[] direct, bool directRows, long runId,
        ref int run, ref int next)
    {
        const int FixedBytes = BinaryCopyWriter.RowHeaderBytes + (3 * BinaryCopyWriter.Int64FieldBytes) + BinaryCopyWriter.Int64FieldBytes
            + BinaryCopyWriter.Int32FieldBytes + BinaryCopyWriter.Int64FieldBytes;
        var observations = CollectionsMarshal.AsSpan(batch);
        for (; run < order.Runs.Length; run++, next = 0)
        {
            if (direct[run] != directRows)
            {
                continue;
            }

            var series = order.Runs[run];
            var indices = order.Indices.AsSpan(series.Offset, series.Count);
            while (next < indices.Length)
            {
                var last = next;
                var row = observations[indices[last]];
                var start = order.Starts[indices[last]];
                if (series.HasDuplicateStarts)
                {
                    while (last + 1 < indices.Length && order.Starts[indices[last + 1]] == start)
                    {
                        row = Fold(row, observations[indices[++last]]);
                    }
                }

                var needed = FixedBytes + BinaryCopyWriter.TextFieldBytes(row.Note);
                if (!writer.Fits(needed))
                {
                    return needed;
                }

                writer.StartRow(directRows ? (short)7 : (short)6);
                writer.WriteInt64(series.Key);
                writer.WriteInt64(start);
                writer.WriteInt64(ToUnix(row.PublishedAt));
                writer.WriteDouble(row.Value);
                writer.WriteInt32((int)row.Duration.TotalSeconds);
                writer.WriteText(row.Note);
                if (directRows)
                {
                    writer.WriteInt64(runId);
                }

                next = last + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// The upsert rule applied to two rows of one key within a batch, the later one second: the same value and
    /// duration leave the earlier row alone; otherwise the later row wins with the later publication time.
    /// </summary>
    internal static Observation Fold(Observation earlier, Observation later) =>
        later.Value.Equals(earlier.Value) && later.Duration == earlier.Duration
            ? earlier
            : later with { PublishedAt = later.PublishedAt > earlier.PublishedAt ? later.PublishedAt : earlier.PublishedAt };

    private static async Task WriteCoverageAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch batch, long runId,
        Dictionary<(string Region, string Series), long> keys, CancellationToken cancellationToken)
    {
        if (batch.Coverage.Count == 0)
        {
            return;
        }

        // One row per span (an upsert may touch a row once per statement); a span listed twice keeps its earlier
        // publication time, as the stored one does.
        var spans = batch.Coverage
            .GroupBy(c => (Key: keys[(c.Region, c.Series)], Start: ToUnix(c.Start), End: ToUnix(c.End)))
            .Select(g => (g.Key.Key, g.Key.Start, g.Key.End, Published: g.Min(c => ToUnix(c.PublishedAt))))
            .OrderBy(s => s.Key).ThenBy(s => s.Start).ThenBy(s => s.End)
            .ToArray();
        await using var command = new NpgsqlCommand("""
            INSERT INTO coverage AS c (series_key, span_start, span_end, published_at, ingest_run)
            SELECT k, s, e, p, @run FROM unnest(@keys, @starts, @ends, @published) AS t (k, s, e, p)
            ON CONFLICT (series_key, span_start, span_end) DO UPDATE SET
                published_at = LEAST(c.published_at, excluded.published_at)
            """, connection, transaction);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("keys", spans.Select(s => s.Key).ToArray());
        command.Parameters.AddWithValue("starts", spans.Select(s => s.Start).ToArray());
        command.Parameters.AddWithValue("ends", spans.Select(s => s.End).ToArray());
        command.Parameters.AddWithValue("published", spans.Select(s => s.Published).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteRejectedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportBatch batch, long runId, CancellationToken cancellationToken)
    {
        if (batch.Rejected.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO rejected_row (run_id, ordinal, line, column_name, reason, raw_text)
            SELECT @run, n, l, c, r, t FROM unnest(@lines, @columns, @reasons, @raw) WITH ORDINALITY AS x (l, c, r, t, n)
            """, connection, transaction);
        command.CommandTimeout = BulkCommandTimeoutSeconds;
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("lines", batch.Rejected.Select(r => r.Line).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?[]>("columns", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = batch.Rejected.Select(r => r.Column).ToArray() });
        command.Parameters.AddWithValue("reasons", batch.Rejected.Select(r => r.Reason).ToArray());
        command.Parameters.AddWithValue("raw", batch.Rejected.Select(r => r.RawText).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long?> FindRunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string source, string sha256, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id FROM ingest_run WHERE source = @s AND file_sha256 = @h AND status = 'Succeeded' ORDER BY id LIMIT 1", connection, transaction);
        command.Parameters.AddWithValue("s", source);
        command.Parameters.AddWithValue("h", sha256);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private async Task<IngestRun> InsertRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string source, string fileName, string sha256,
        DateTimeOffset startedAt, IngestRunStatus status, int rowsRead, int accepted, int rejected, string? message,
        CancellationToken cancellationToken)
    {
        var finishedAt = _time.GetUtcNow();
        await using var command = new NpgsqlCommand("""
            INSERT INTO ingest_run (source, file_name, file_sha256, started_at, finished_at, status, rows_read, accepted, rejected, message)
            VALUES (@source, @file, @hash, @started, @finished, @status, @read, @accepted, @rejected, @message)
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("file", fileName);
        command.Parameters.AddWithValue("hash", sha256);
        command.Parameters.AddWithValue("started", ToUnix(startedAt));
        command.Parameters.AddWithValue("finished", ToUnix(finishedAt));
        command.Parameters.AddWithValue("status", status.ToString());
        command.Parameters.AddWithValue("read", rowsRead);
        command.Parameters.AddWithValue("accepted", accepted);
        command.Parameters.AddWithValue("rejected", rejected);
        command.Parameters.Add(new NpgsqlParameter<string?>("message", NpgsqlDbType.Text) { TypedValue = message });
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new IngestRun(id, source, fileName, sha256, startedAt, finishedAt, status, rowsRead, accepted, rejected, message);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, source, file_name, file_sha256, started_at, finished_at, status, rows_read, accepted, rejected, message
            FROM ingest_run ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("limit", limit);
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
        await using var command = _dataSource.CreateCommand("SELECT line, column_name, reason, raw_text FROM rejected_row WHERE run_id = @r ORDER BY ordinal");
        command.Parameters.AddWithValue("r", runId);
        var rows = new List<RejectedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RejectedRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }
}
