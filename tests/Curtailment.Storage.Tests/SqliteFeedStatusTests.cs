using Curtailment.Core.Ingest;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

/// <summary>The feed-status contract on a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFeedStatusTests : FeedStatusStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-feeds-").FullName;
    private readonly List<SqliteStore> _stores = [];

    protected override IFeedStatusStore OpenStore()
    {
        var store = new SqliteStore($"Data Source={Path.Combine(_folder, "store.db")}", TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
