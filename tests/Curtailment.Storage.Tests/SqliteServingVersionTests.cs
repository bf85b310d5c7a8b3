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

    [Fact]
    public async Task ReadServingVersionAsync_ManyReadersAtOnce_EveryReadAfterAWriteDiffersFromEveryReadBefore()
    {
        var (versions, _, _) = OpenStore();
        var (_, other, _) = OpenStore();

        // One read before the write, many at once from several threads after it.
        var before = await versions.ReadServingVersionAsync("CAISO", default);
        await other.SaveForecastAsync(new ForecastVintage(0, "CAISO", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "m", null,
            [new ForecastPoint(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), 1, 1, 1, 0.5)]), default);
        var after = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await versions.ReadServingVersionAsync("CAISO", default))));

        Assert.DoesNotContain(before, after);
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
