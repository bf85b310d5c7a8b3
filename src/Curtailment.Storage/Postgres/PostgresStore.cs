using System.Data.Common;
using System.Net.Sockets;
using Curtailment.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Curtailment.Storage.Postgres;

/// <summary>
/// The scale-out store: PostgreSQL, with the same role interfaces and semantics as the SQLite store (ADR 0005).
/// The schema is migrated when the store is created, so an empty database is ready to use. The logic is
/// <see cref="SqlStore"/>'s; this class holds PostgreSQL's dialect: the data source, advisory locks for several
/// processes writing at once, the bulk writes (binary COPY, arrays) and the serving version.
/// </summary>
public sealed partial class PostgresStore : SqlStore
{
    /// <summary>Advisory lock key of the migration ("Curtailment schema"); any constant unique to this application.</summary>
    internal const long MigrationLockKey = 0x4375_7274_5363_6865;

    /// <summary>
    /// The schema's migration scripts and how they are recorded. Several processes may start at once (scale-out): a
    /// session advisory lock makes them take turns.
    /// </summary>
    internal static readonly SchemaMigrator Migrator = new(
        "Curtailment.Storage.Postgres.Migrations.",
        new SchemaTypes(
            Id: "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", Int64: "bigint", Int32: "integer", Float64: "double precision", Text: "text",
            Bytes: "bytea", WithoutRowid: ""),
        """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now())
        """,
        "INSERT INTO schema_version (version, name) VALUES (@version, @name)")
    {
        Lock = ($"SELECT pg_advisory_lock({MigrationLockKey})", $"SELECT pg_advisory_unlock({MigrationLockKey})"),
    };

    /// <summary>Commands that move a whole file may take long on a busy server; the default 30 s is for reads.</summary>
    private const int BulkCommandTimeoutSeconds = 600;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>
    /// Connects to the database the connection string names and migrates it. An unusable connection string or an
    /// unreachable server throws <see cref="InvalidOperationException"/> naming the setting (never the password).
    /// </summary>
    public PostgresStore(string connectionString, TimeProvider time, ILogger<PostgresStore>? logger = null)
        : base(time, logger)
    {
        var builder = PostgresConnectionStrings.TryParse(connectionString)
            ?? throw new InvalidOperationException($"{PostgresConnectionStrings.Setting} is not a valid PostgreSQL connection string (for example 'Host=db;Database=curtailment;Username=app;Password=...').");
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException($"{PostgresConnectionStrings.Setting} names no Host.");
        }

        Server = PostgresConnectionStrings.Describe(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            using var connection = _dataSource.OpenConnection();
            foreach (var version in Migrator.Migrate(connection))
            {
                LogMigrationApplied(Logger, "PostgreSQL", version, Server);
            }
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            _dataSource.Dispose();
            throw new InvalidOperationException($"{PostgresConnectionStrings.Setting}: cannot use the PostgreSQL database at {Server}: {e.Message}", e);
        }
    }

    /// <summary>Where the store is, without the password (<c>Host=...;Port=...;Database=...;Username=...</c>).</summary>
    public string Server { get; }

    private protected override string RejectedRowOrder => "ordinal";

    private protected override string Int64Type => "bigint";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore() => _dataSource.DisposeAsync();

    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    private protected override string SameRegion(string column) => $"lower({column}) = lower(@region)";

    // Any other version text would fail the cast.
    private protected override string NumberedVersion(string column) => $"{column} ~ '^v[0-9]+$'";

    // A transaction-scoped advisory lock on the key's hash: released at commit or rollback, whatever happens.
    private protected override async Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
