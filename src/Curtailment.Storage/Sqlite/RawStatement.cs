using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Curtailment.Storage.Sqlite;

/// <summary>
/// A statement prepared on an open connection's native handle, bound and stepped directly. For the bulk
/// observation write only: a <see cref="SqliteCommand"/> boxes every parameter value and builds a data
/// reader per execution, which cost more than SQLite's own work at millions of rows. It runs inside the
/// connection's current transaction like any other statement.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds a 1-based parameter; bindings persist across executions.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <inheritdoc cref="Bind(int, long)"/>
    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Binds UTF-8 text (copied by SQLite).</summary>
    public void Bind(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    /// <inheritdoc cref="Bind(int, long)"/>
    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement to completion and resets it for the next execution.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        if (result != raw.SQLITE_DONE)
        {
            // Read the message before the reset, which may replace it.
            var error = new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
            raw.sqlite3_reset(_statement);
            throw error;
        }

        raw.sqlite3_reset(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
        }
    }
}
