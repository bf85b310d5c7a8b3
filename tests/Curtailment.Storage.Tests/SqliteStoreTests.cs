using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

/// <summary>The store contract on a real SQLite file in a temporary folder.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteStoreTests : ObservationStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-store-").FullName;

    protected override (IIngestStore Ingest, IObservationReader Reader, IDataSummaryReader Summary) CreateStore()
    {
        var store = new SqliteStore($"Data Source={Path.Combine(_folder, "store.db")}", TimeProvider.System);
        return (store, store, store);
    }

    [Fact]
    public void Constructor_ExistingFile_MigratesOnceAndKeepsData()
    {
        var path = Path.Combine(_folder, "again.db");
        _ = new SqliteStore($"Data Source={path}", TimeProvider.System);
        _ = new SqliteStore($"Data Source={path}", TimeProvider.System);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(MigrationScriptCount, reader.GetInt32(0));
        Assert.Equal(MigrationScriptCount, reader.GetInt32(1));
    }

    [Fact]
    public void Constructor_NestedFolder_CreatesIt()
    {
        var path = Path.Combine(_folder, "nested", "deeper", "store.db");

        var store = new SqliteStore($"Data Source={path}", TimeProvider.System);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.DataSource);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Number of embedded migration scripts (one per schema version).</summary>
    private static int MigrationScriptCount => typeof(SqliteStore).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
}
