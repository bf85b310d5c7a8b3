using Curtailment.Core.Forecasts;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

/// <summary>The forecast store contract on a real SQLite file in a temporary folder.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteForecastStoreTests : ForecastStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-forecasts-").FullName;

    protected override IForecastStore CreateForecastStore() =>
        new SqliteStore($"Data Source={Path.Combine(_folder, "store.db")}", TimeProvider.System);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
