using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file. The schema is migrated when the store is created, so a new
/// file is ready to use. Split by concern into partial files (ingest, reads, summary).
/// </summary>
public sealed partial class SqliteStore : IIngestStore, IObservationReader, IDataSummaryReader
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (and creates or migrates) the database the connection string names.</summary>
    public SqliteStore(string connectionString, TimeProvider time)
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
        _time = time;
        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            // WAL lets the API read while an ingest writes; it is a property of the file, set once.
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }

        SqliteMigrator.Migrate(connection);
    }

    /// <summary>The path of the database file.</summary>
    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static long ToUnix(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    private static DateTimeOffset FromUnix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>Clamps <see cref="DateTimeOffset.MaxValue"/> and friends to what Unix seconds can hold.</summary>
    private static long ToUnixClamped(DateTimeOffset instant) =>
        instant >= DateTimeOffset.MaxValue.AddDays(-1) ? long.MaxValue
        : instant <= DateTimeOffset.MinValue.AddDays(1) ? long.MinValue
        : instant.ToUnixTimeSeconds();
}
