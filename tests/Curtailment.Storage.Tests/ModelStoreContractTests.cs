using System.Text;
using Curtailment.Core.ModelRegistry;

namespace Curtailment.Storage.Tests;

/// <summary>The registry behaviour every store must have.</summary>
public abstract class ModelStoreContractTests
{
    protected abstract IModelStore CreateModelStore();

    /// <summary>
    /// Skips the test where the implementation needs a server this machine does not have (PostgreSQL on a developer
    /// machine), or fails it where CI requires the server (see <see cref="Curtailment.Testing.Requires"/>).
    /// </summary>
    protected virtual void RequireStore()
    {
    }

    private static Func<string, (string, byte[])> Artifact(string text) => version => ($"{{\"version\":\"{version}\"}}", Encoding.UTF8.GetBytes(text + version));

    [Fact]
    public async Task AddCandidateAsync_NumbersVersionsPerRegionAndKeepsTheArtifact()
    {
        RequireStore();

        var store = CreateModelStore();

        var first = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("a"), default);
        var second = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("b"), default);
        var other = await store.AddCandidateAsync("SPP", "fasttree", Artifact("c"), default);

        Assert.Equal(("v1", "v2", "v1"), (first.Version, second.Version, other.Version));
        Assert.Equal(ModelStatus.Candidate, first.Status);
        Assert.Equal("{\"version\":\"v2\"}", second.ManifestJson);
        Assert.Equal("bv2", Encoding.UTF8.GetString(await store.ReadArtifactAsync(second.Id, default)));
        Assert.Equal([second.Id, first.Id], (await store.ListModelsAsync("CAISO", default)).Select(m => m.Id));
        Assert.Null(await store.ActiveModelAsync("CAISO", default));
    }

    [Fact]
    public async Task ActivateAsync_RetiresThePreviousActiveModelOfTheRegionOnly()
    {
        RequireStore();

        var store = CreateModelStore();
        var v1 = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("a"), default);
        var v2 = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("b"), default);
        var spp = await store.AddCandidateAsync("SPP", "fasttree", Artifact("c"), default);
        await store.ActivateAsync(v1.Id, default);
        await store.ActivateAsync(spp.Id, default);

        var active = await store.ActivateAsync(v2.Id, default);

        Assert.Equal(ModelStatus.Active, active.Status);
        Assert.Equal(v2.Id, (await store.ActiveModelAsync("CAISO", default))!.Id);
        Assert.Equal(ModelStatus.Retired, (await store.FindModelAsync(v1.Id, default))!.Status);
        Assert.Equal(spp.Id, (await store.ActiveModelAsync("SPP", default))!.Id);
    }

    [Fact]
    public async Task RollbackAsync_ReactivatesTheMostRecentlyRetiredModel()
    {
        RequireStore();

        var store = CreateModelStore();
        var v1 = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("a"), default);
        var v2 = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("b"), default);
        await store.ActivateAsync(v1.Id, default);
        await store.ActivateAsync(v2.Id, default);

        var rolledBack = await store.RollbackAsync("CAISO", default);

        Assert.Equal(v1.Id, rolledBack!.Id);
        Assert.Equal(v1.Id, (await store.ActiveModelAsync("CAISO", default))!.Id);
        Assert.Equal(ModelStatus.Retired, (await store.FindModelAsync(v2.Id, default))!.Status);
    }

    [Fact]
    public async Task RollbackAsync_NothingRetired_ReturnsNullAndChangesNothing()
    {
        RequireStore();

        var store = CreateModelStore();
        var v1 = await store.AddCandidateAsync("CAISO", "fasttree", Artifact("a"), default);
        await store.ActivateAsync(v1.Id, default);

        Assert.Null(await store.RollbackAsync("CAISO", default));
        Assert.Equal(v1.Id, (await store.ActiveModelAsync("CAISO", default))!.Id);
    }

    [Fact]
    public async Task ActivateAsync_UnknownId_Throws()
    {
        RequireStore();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => CreateModelStore().ActivateAsync(12345, default));
    }
}
