using System.Text;
using Curtailment.Core.ModelRegistry;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;

namespace Curtailment.Storage.Tests;

/// <summary>The registry contract on a real PostgreSQL database of its own.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresModelStoreTests : ModelStoreContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresStore> _stores = [];

    protected override void RequireStore() => _database.Require();

    protected override IModelStore CreateModelStore()
    {
        var store = new PostgresStore(_database.ConnectionString!, TimeProvider.System);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    [Fact]
    public async Task AddCandidateAsync_SeveralWritersAtOnce_NumberVersionsWithoutGapsOrCollisions()
    {
        RequireStore();

        var writers = Enumerable.Range(0, 6).Select(_ => CreateModelStore()).ToList();

        var added = await Task.WhenAll(writers.Select(w => Task.Run(() =>
            w.AddCandidateAsync("CAISO", "fasttree", v => ("{}", Encoding.UTF8.GetBytes(v)), default))));

        Assert.Equal(["v1", "v2", "v3", "v4", "v5", "v6"], added.Select(m => m.Version).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ActivateAsync_SeveralModelsAtOnce_LeavesExactlyOneActive()
    {
        RequireStore();

        var store = CreateModelStore();
        var models = new List<ModelRecord>();
        for (var i = 0; i < 5; i++)
        {
            models.Add(await store.AddCandidateAsync("CAISO", "fasttree", v => ("{}", [1, 2, 3]), default));
        }

        await Task.WhenAll(models.Select(m => Task.Run(() => CreateModelStore().ActivateAsync(m.Id, default))));

        var listed = await store.ListModelsAsync("caiso", default);
        Assert.Single(listed, m => m.Status == ModelStatus.Active);
        Assert.Equal(4, listed.Count(m => m.Status == ModelStatus.Retired));
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
