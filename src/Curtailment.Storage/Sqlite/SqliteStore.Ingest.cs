using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <summary>Page cache of an ingest connection, KiB.</summary>
    private const int IngestCacheKib = 65536;

    private static readonly string UpsertObservationSql = $"""
        INSERT INTO observation (series_key, interval_start, duration_s, value, published_at, ingest_run, note)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        {ObservationConflictRule("observation", "MAX")}
        """;

    // For a series with no stored row anywhere in the batch's span (and no repeated start within the batch)
    // no conflict can arise, so the upsert would always insert: a plain INSERT gives the same rows cheaper.
    private const string InsertObservationSql = """
        INSERT INTO observation (series_key, interval_start, duration_s, value, published_at, ingest_run, note)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        """;

    /// <summary>
    /// Whether series with no stored rows in a batch's span are written with a plain INSERT (the default)
    /// rather than the upsert; both give the same rows. Off only in tests that compare the two paths.
    /// </summary>
    internal bool PlainInsertIntoEmptySpans { get; init; } = true;

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
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
    }

    // A year of 5-minute data touches tens of thousands of pages: a larger cache keeps the B-tree interior pages
    // and the transaction's dirty pages in memory instead of spilling to the WAL mid-way. Set per ingest and
    // restored after, so pooled connections used for reads stay small.
    private protected override IAsyncDisposable BeginBulkWrite(DbConnection connection)
    {
        var sqlite = (SqliteConnection)connection;
        SetPragmas(sqlite, $"PRAGMA cache_size = -{IngestCacheKib}; PRAGMA temp_store = MEMORY;");
        return new PragmaRestore(sqlite);
    }

    // One key at a time, in the order given, as each is first needed.
    private protected override async Task<Dictionary<(string Region, string Series), long>> CreateSeriesKeysAsync(
        DbConnection connection, DbTransaction transaction, string source, IReadOnlyList<(string Region, string Series)> series,
        CancellationToken cancellationToken)
    {
        var keys = new Dictionary<(string, string), long>();
        await using var command = NewCommand(connection, transaction, """
            INSERT INTO series_key (region, series, source) VALUES ($g, $s, $o)
            ON CONFLICT (region, series, source) DO UPDATE SET region = excluded.region
            RETURNING id
            """);
        var region = command.Parameters.Add(new SqliteParameter("$g", SqliteType.Text));
        var name = command.Parameters.Add(new SqliteParameter("$s", SqliteType.Text));
        command.Parameters.Add(new SqliteParameter("$o", source));
        foreach (var pair in series)
        {
            region.Value = pair.Region;
            name.Value = pair.Series;
            keys[pair] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return keys;
    }

    // Prepared statements on the native handle, rebinding only what changes from row to row (RawStatement).
    private protected override Task WriteObservationsAsync(
        DbConnection connection, DbTransaction transaction, List<Observation> observations, ObservationOrder order, long runId,
        CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        var rows = CollectionsMarshal.AsSpan(observations);
        using var upsert = new RawStatement(sqlite, UpsertObservationSql);
        using var insert = new RawStatement(sqlite, InsertObservationSql);
        upsert.Bind(6, runId);
        insert.Bind(6, runId);

        // Notes repeat (one per source row, shared by its series): encode each string instance once.
        string? lastNote = null;
        byte[] lastNoteUtf8 = [];
        foreach (var run in order.Runs)
        {
            var statement = PlainInsertIntoEmptySpans && CanInsertWithoutUpsert(sqlite, (SqliteTransaction)transaction, run) ? insert : upsert;
            statement.Bind(1, run.Key);
            // Bindings persist between executions: rebind duration and note only when they change
            // (they rarely do), which saves two native calls per row.
            long? boundDuration = null;
            var noteBound = false;
            string? boundNote = null;
            foreach (var i in order.Indices.AsSpan(run.Offset, run.Count))
            {
                ref readonly var o = ref rows[i];
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

        return Task.CompletedTask;
    }

    private protected override async Task WriteCoverageAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<CoverageRow> spans, long runId, CancellationToken cancellationToken)
    {
        await using var command = NewCommand(connection, transaction, """
            INSERT INTO coverage (series_key, span_start, span_end, published_at, ingest_run)
            VALUES ($k, $s, $e, $p, $r)
            ON CONFLICT (series_key, span_start, span_end) DO UPDATE SET
                published_at = MIN(coverage.published_at, excluded.published_at)
            """);
        var parameters = Parameters(command, "$k", "$s", "$e", "$p");
        command.Parameters.Add(new SqliteParameter("$r", runId));
        foreach (var span in spans)
        {
            Set(parameters, span.Key, span.Start, span.End, span.PublishedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private protected override async Task WriteRejectedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<RejectedRow> rows, long runId, CancellationToken cancellationToken)
    {
        await using var command = NewCommand(connection, transaction, "INSERT INTO rejected_row (run_id, line, column_name, reason, raw_text) VALUES ($r, $l, $c, $why, $raw)");
        command.Parameters.Add(new SqliteParameter("$r", runId));
        var parameters = Parameters(command, "$l", "$c", "$why", "$raw");
        foreach (var row in rows)
        {
            Set(parameters, row.Line, row.Column, row.Reason, row.RawText);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private protected override async Task WriteSeriesRunsAsync(
        DbConnection connection, DbTransaction transaction, long[] seriesKeys, long runId, CancellationToken cancellationToken)
    {
        await using var command = NewCommand(connection, transaction, "INSERT OR IGNORE INTO series_run (series_key, run_id) VALUES ($k, $r)");
        var key = command.Parameters.Add(new SqliteParameter("$k", SqliteType.Integer));
        command.Parameters.Add(new SqliteParameter("$r", runId));
        foreach (var k in seriesKeys)
        {
            key.Value = k;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static SqliteCommand NewCommand(DbConnection connection, DbTransaction transaction, string sql) =>
        new(sql, (SqliteConnection)connection, (SqliteTransaction)transaction);

    /// <summary>Untyped parameters, bound again for each row of a row-by-row insert.</summary>
    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(name => command.Parameters.Add(new SqliteParameter(name, null)))];

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>Puts an ingest connection's page cache back to the default before the pool takes it back.</summary>
    private sealed class PragmaRestore(SqliteConnection connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            SetPragmas(connection, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;");
            return ValueTask.CompletedTask;
        }
    }
}
