using System.Data.Common;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Curtailment.Storage.Sql;

/// <summary>
/// What the SQLite and PostgreSQL stores share: one schema (times in Unix seconds), one set of role interfaces and
/// their semantics (ADR 0005), written here once over <see cref="DbConnection"/>. A provider's store derives from
/// this class and supplies only what its SQL dialect does differently: connections, locking, case-insensitive region
/// comparison and the bulk writes. Split by concern into partial files (ingest, reads, summary, models, forecasts).
/// </summary>
public abstract partial class SqlStore
    : IIngestStore, IObservationReader, IDataSummaryReader, IObservationSnapshotSource, IModelStore, IForecastStore, IServingVersionReader,
      IDisposable, IAsyncDisposable
{
    private protected SqlStore(TimeProvider time, ILogger? logger)
    {
        Time = time;
        Logger = logger ?? NullLogger.Instance;
    }

    private protected TimeProvider Time { get; }

    private protected ILogger Logger { get; }

    /// <inheritdoc />
    public abstract ValueTask<ServingVersion> ReadServingVersionAsync(string region, CancellationToken cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        Dispose(disposing: false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the provider's connections.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary>Releases the provider's connections asynchronously (by default, as <see cref="Dispose(bool)"/> does).</summary>
    protected virtual ValueTask DisposeAsyncCore()
    {
        Dispose(disposing: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>An open connection (pooled by the provider).</summary>
    private protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A condition that <paramref name="column"/> names the region in parameter <c>@region</c>, ignoring ASCII case
    /// as the API's region ids do.
    /// </summary>
    private protected abstract string SameRegion(string column);

    /// <summary>
    /// Makes concurrent writers of the same <paramref name="key"/> take turns until the transaction ends. Where the
    /// database admits one writer at a time anyway (SQLite), nothing to do.
    /// </summary>
    private protected virtual Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private protected static long ToUnix(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    private protected static DateTimeOffset FromUnix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>
    /// Clamps <see cref="DateTimeOffset.MaxValue"/> and friends to what Unix seconds can hold, leaving room for the
    /// arithmetic the queries do (<c>from - 86400</c>, <c>start + duration</c>): PostgreSQL refuses bigint overflow.
    /// </summary>
    private protected static long ToUnixClamped(DateTimeOffset instant) =>
        instant >= DateTimeOffset.MaxValue.AddDays(-1) ? long.MaxValue / 2
        : instant <= DateTimeOffset.MinValue.AddDays(1) ? long.MinValue / 2
        : instant.ToUnixTimeSeconds();

    private protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied {Provider} schema version {Version} to {Server}")]
    private protected static partial void LogMigrationApplied(ILogger logger, string provider, int version, string server);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stored {Observations} observations and {Rejected} rejected rows from {Source} file {File} in run {RunId}")]
    private static partial void LogStored(ILogger logger, int observations, int rejected, string source, string file, long runId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "File {File} from {Source} was stored before by run {PreviousRunId}; nothing changed")]
    private static partial void LogUnchanged(ILogger logger, string file, string source, long previousRunId);
}
