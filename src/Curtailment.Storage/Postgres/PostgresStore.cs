using System.Net.Sockets;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Curtailment.Storage.Postgres;

/// <summary>
/// The scale-out store: PostgreSQL, with the same role interfaces and semantics as the SQLite store (ADR 0005).
/// The schema is migrated when the store is created, so an empty database is ready to use. Split by concern into
/// partial files (ingest, reads, summary, snapshot, models, forecasts).
/// </summary>
public sealed partial class PostgresStore : IIngestStore, IObservationReader, IDataSummaryReader, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>
    /// Connects to the database the connection string names and migrates it. An unusable connection string or an
    /// unreachable server throws <see cref="InvalidOperationException"/> naming the setting (never the password).
    /// </summary>
    public PostgresStore(string connectionString, TimeProvider time, ILogger<PostgresStore>? logger = null)
    {
        var builder = PostgresConnectionStrings.TryParse(connectionString)
            ?? throw new InvalidOperationException($"{PostgresConnectionStrings.Setting} is not a valid PostgreSQL connection string (for example 'Host=db;Database=curtailment;Username=app;Password=...').");
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidOperationException($"{PostgresConnectionStrings.Setting} names no Host.");
        }

        Server = PostgresConnectionStrings.Describe(builder);
        _time = time;
        _logger = logger ?? NullLogger<PostgresStore>.Instance;
        _dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            using var connection = _dataSource.OpenConnection();
            var applied = PostgresMigrator.Migrate(connection);
            foreach (var version in applied)
            {
                LogMigrationApplied(_logger, version, Server);
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

    /// <summary>Commands that move a whole file may take long on a busy server; the default 30 s is for reads.</summary>
    private const int BulkCommandTimeoutSeconds = 600;

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static long ToUnix(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    private static DateTimeOffset FromUnix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>
    /// Clamps <see cref="DateTimeOffset.MaxValue"/> and friends to what Unix seconds can hold. Unlike SQLite,
    /// PostgreSQL refuses bigint overflow, so the bounds leave room for the arithmetic the queries do
    /// (<c>from - 86400</c>, <c>start + duration</c>).
    /// </summary>
    private static long ToUnixClamped(DateTimeOffset instant) =>
        instant >= DateTimeOffset.MaxValue.AddDays(-1) ? long.MaxValue / 2
        : instant <= DateTimeOffset.MinValue.AddDays(1) ? long.MinValue / 2
        : instant.ToUnixTimeSeconds();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied PostgreSQL schema version {Version} to {Server}")]
    private static partial void LogMigrationApplied(ILogger logger, int version, string server);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stored {Observations} observations and {Rejected} rejected rows from {Source} file {File} in run {RunId}")]
    private static partial void LogStored(ILogger logger, int observations, int rejected, string source, string file, long runId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "File {File} from {Source} was stored before by run {PreviousRunId}; nothing changed")]
    private static partial void LogUnchanged(ILogger logger, string file, string source, long previousRunId);
}
