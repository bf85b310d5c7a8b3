using System.Data.Common;
using System.Runtime.InteropServices;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Curtailment.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// One statement, in a fixed order: concurrent ingests of the same series lock the same key rows in the same
    /// order, so they queue rather than deadlock.
    /// </summary>
    private protected override async Task<Dictionary<(string Region, string Series), long>> CreateSeriesKeysAsync(
        DbConnection connection, DbTransaction transaction, string source, IReadOnlyList<(string Region, string Series)> series,
        CancellationToken cancellationToken)
    {
        var keys = new Dictionary<(string, string), long>();
        if (series.Count == 0)
        {
            return keys;
        }

        var ordered = series.OrderBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Series, StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand("""
            INSERT INTO series_key (region, series, source)
            SELECT r, s, @source FROM unnest(@regions, @series) WITH ORDINALITY AS t (r, s, n) ORDER BY n
            ON CONFLICT (region, series, source) DO UPDATE SET region = excluded.region
            RETURNING id, region, series
            """, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("regions", ordered.Select(p => p.Region).ToArray());
        command.Parameters.AddWithValue("series", ordered.Select(p => p.Series).ToArray());
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
    /// <c>observation</c> instead: no conflict can arise, so the upsert would only insert, at a far higher cost
    /// (the SQLite store's "plain insert into empty spans", ADR 0005). The check is race-free because the series-key
    /// upsert (<see cref="CreateSeriesKeysAsync"/>) locked this run's keys until commit, so no other ingest can write
    /// these series meanwhile.
    /// </summary>
    private protected override async Task WriteObservationsAsync(
        DbConnection connection, DbTransaction transaction, List<Observation> observations, ObservationOrder order, long runId,
        CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var direct = await EmptySpansAsync(npgsql, (NpgsqlTransaction)transaction, order.Runs, cancellationToken);
        if (direct.Any(d => d))
        {
            await CopyRowsAsync(npgsql,
                "COPY observation (series_key, interval_start, published_at, value, duration_s, note, ingest_run) FROM STDIN (FORMAT BINARY)",
                observations, order, direct, true, runId, cancellationToken);
        }

        if (direct.All(d => d))
        {
            return;
        }

        await using (var create = new NpgsqlCommand("""
            CREATE TEMPORARY TABLE observation_stage (
                series_key bigint NOT NULL, interval_start bigint NOT NULL, published_at bigint NOT NULL,
                value double precision NOT NULL, duration_s integer NOT NULL, note text) ON COMMIT DROP
            """, npgsql, (NpgsqlTransaction)transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyRowsAsync(npgsql,
            "COPY observation_stage (series_key, interval_start, published_at, value, duration_s, note) FROM STDIN (FORMAT BINARY)",
            observations, order, direct, false, runId, cancellationToken);

        await using var merge = new NpgsqlCommand($"""
            INSERT INTO observation AS o (series_key, interval_start, published_at, ingest_run, value, duration_s, note)
            SELECT series_key, interval_start, published_at, @run, value, duration_s, note FROM observation_stage
            {ObservationConflictRule("o", "GREATEST")}
            """, npgsql, (NpgsqlTransaction)transaction);
        merge.CommandTimeout = BulkCommandTimeoutSeconds;
        merge.Parameters.AddWithValue("run", runId);
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>For each series run: whether it may be copied straight into <c>observation</c> (see <see cref="WriteObservationsAsync"/>); internal for the tests.</summary>
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

    private protected override async Task WriteCoverageAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<CoverageRow> spans, long runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO coverage AS c (series_key, span_start, span_end, published_at, ingest_run)
            SELECT k, s, e, p, @run FROM unnest(@keys, @starts, @ends, @published) AS t (k, s, e, p)
            ON CONFLICT (series_key, span_start, span_end) DO UPDATE SET
                published_at = LEAST(c.published_at, excluded.published_at)
            """, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("keys", spans.Select(s => s.Key).ToArray());
        command.Parameters.AddWithValue("starts", spans.Select(s => s.Start).ToArray());
        command.Parameters.AddWithValue("ends", spans.Select(s => s.End).ToArray());
        command.Parameters.AddWithValue("published", spans.Select(s => s.PublishedAt).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected override async Task WriteRejectedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<RejectedRow> rows, long runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO rejected_row (run_id, ordinal, line, column_name, reason, raw_text)
            SELECT @run, n, l, c, r, t FROM unnest(@lines, @columns, @reasons, @raw) WITH ORDINALITY AS x (l, c, r, t, n)
            """, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.CommandTimeout = BulkCommandTimeoutSeconds;
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("lines", rows.Select(r => r.Line).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?[]>("columns", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = rows.Select(r => r.Column).ToArray() });
        command.Parameters.AddWithValue("reasons", rows.Select(r => r.Reason).ToArray());
        command.Parameters.AddWithValue("raw", rows.Select(r => r.RawText).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected override async Task WriteSeriesRunsAsync(
        DbConnection connection, DbTransaction transaction, long[] seriesKeys, long runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO series_run (series_key, run_id) SELECT k, @run FROM unnest(@keys) AS k ON CONFLICT DO NOTHING",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("keys", seriesKeys);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
