using Curtailment.Core.Ingest;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;

namespace Curtailment.Storage.Tests;

/// <summary>The feed-status contract on a real PostgreSQL database of its own.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresFeedStatusTests : FeedStatusStoreContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresStore> _stores = [];

    protected override void RequireStore() => _database.Require();

    protected override IFeedStatusStore OpenStore()
    {
        var store = new PostgresStore(_database.ConnectionString!, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _database.Dispose();
    }
}
