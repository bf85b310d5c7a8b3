using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

/// <summary>The serving-version contract on a real SQLite file, each store with its own connections.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteServingVersionTests : ServingVersionContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-versions-").FullName;
    private readonly List<SqliteStore> _stores = [];

    protected override (IServingVersionReader Versions, IForecastStore Forecasts, IModelStore Models) OpenStore()
    {
        var store = new SqliteStore($"Data Source={Path.Combine(_folder, "store.db")}", TimeProvider.System);
        _stores.Add(store);
        return (store, store, store);
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
