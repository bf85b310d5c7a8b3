using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;

namespace Curtailment.Storage.Tests;

/// <summary>The serving-version contract on a real PostgreSQL database of its own, each store with its own connection pool.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresServingVersionTests : ServingVersionContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresStore> _stores = [];

    protected override void RequireStore() => _database.Require();

    protected override (IServingVersionReader Versions, IForecastStore Forecasts, IModelStore Models) OpenStore()
    {
        var store = new PostgresStore(_database.ConnectionString!, TimeProvider.System);
        _stores.Add(store);
        return (store, store, store);
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
