using System.Data.Common;
using Curtailment.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Curtailment.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file. The schema is migrated when the store is created, so a new file is ready to
/// use. The logic is <see cref="SqlStore"/>'s; this class holds SQLite's dialect: connections and pragmas, the bulk
/// writes (ingest, forecast points) and the serving version.
/// </summary>
public sealed partial class SqliteStore : SqlStore
{
    /// <summary>The schema's migration scripts and how they are recorded.</summary>
    internal static readonly SchemaMigrator Migrator = new(
        "Curtailment.Storage.Sqlite.Migrations.",
        // An INTEGER PRIMARY KEY is the rowid; tables read by their primary key are stored as that key's B-tree.
        new SchemaTypes(Id: "INTEGER PRIMARY KEY", Int64: "INTEGER", Int32: "INTEGER", Float64: "REAL", Text: "TEXT", Bytes: "BLOB", WithoutRowid: " WITHOUT ROWID"),
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
        "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, unixepoch())");

    private readonly string _connectionString;

    /// <summary>Opens (and creates or migrates) the database the connection string names.</summary>
    public SqliteStore(string connectionString, TimeProvider time, ILogger<SqliteStore>? logger = null)
        : base(time, logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string has no 'Data Source'.", nameof(connectionString));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = builder.ToString();
        using var connection = Open();
        // WAL lets the API read while an ingest writes; it is a property of the file, set once.
        SetPragmas(connection, "PRAGMA journal_mode=WAL;");
        foreach (var version in Migrator.Migrate(connection))
        {
            LogMigrationApplied(Logger, "SQLite", version, DataSource);
        }
    }

    /// <summary>The path of the database file.</summary>
    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    private protected override string RejectedRowOrder => "rowid";

    private protected override string Int64Type => "INTEGER";

    private protected override ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<DbConnection>(Open());

    private protected override string SameRegion(string column) => $"{column} = @region COLLATE NOCASE";

    // A version that is not v and a number counts as 0, as CAST does with any text.
    private protected override string NumberedVersion(string column) => $"{column} LIKE 'v%'";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SetPragmas(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void SetPragmas(SqliteConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
