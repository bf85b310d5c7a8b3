using System.Text;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;

namespace Curtailment.Storage.Tests;

/// <summary>
/// The serving version every store must have: it changes whenever a region's vintages or active model change, whether
/// the write came through the same store or through another one on the same database (another process).
/// </summary>
public abstract class ServingVersionContractTests
{
    private static readonly DateTimeOffset Issue = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    /// <summary>A new store on the same database each call (one per process, as it were).</summary>
    protected abstract (IServingVersionReader Versions, IForecastStore Forecasts, IModelStore Models) OpenStore();

    /// <summary>
    /// Skips the test where the implementation needs a server this machine does not have (PostgreSQL on a developer
    /// machine), or fails it where CI requires the server (see <see cref="Curtailment.Testing.Requires"/>).
    /// </summary>
    protected virtual void RequireStore()
    {
    }

    private static ForecastVintage Vintage(DateTimeOffset issuedAt, double mw) => new(
        0, "CAISO", issuedAt, issuedAt, "fasttree@v1", issuedAt.AddHours(-1),
        [new ForecastPoint(issuedAt, issuedAt.AddHours(1), mw, mw, mw, 0.5), new ForecastPoint(issuedAt.AddHours(1), issuedAt.AddHours(2), mw, mw, mw, 0.5)]);

    [Fact]
    public async Task ReadServingVersionAsync_NothingWritten_ReturnsTheSameVersion()
    {
        RequireStore();

        var (versions, forecasts, _) = OpenStore();
        await forecasts.SaveForecastAsync(Vintage(Issue, 1), default);

        var first = await versions.ReadServingVersionAsync("CAISO", default);
        var second = await versions.ReadServingVersionAsync("CAISO", default);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ReadServingVersionAsync_VintageSavedThroughTheSameStore_Changes()
    {
        RequireStore();

        var (versions, forecasts, _) = OpenStore();
        var before = await versions.ReadServingVersionAsync("CAISO", default);

        await forecasts.SaveForecastAsync(Vintage(Issue, 1), default);

        Assert.NotEqual(before, await versions.ReadServingVersionAsync("CAISO", default));
    }

    [Fact]
    public async Task ReadServingVersionAsync_VintageSavedThroughAnotherStore_Changes()
    {
        RequireStore();

        var (versions, _, _) = OpenStore();
        var (_, other, _) = OpenStore();
        await other.SaveForecastAsync(Vintage(Issue, 1), default);
        var before = await versions.ReadServingVersionAsync("CAISO", default);

        await other.SaveForecastAsync(Vintage(Issue.AddHours(1), 1), default);

        Assert.NotEqual(before, await versions.ReadServingVersionAsync("CAISO", default));
    }

    [Fact]
    public async Task ReadServingVersionAsync_VintageReplacedThroughAnotherStore_Changes()
    {
        RequireStore();

        var (versions, _, _) = OpenStore();
        var (_, other, _) = OpenStore();
        await other.SaveForecastAsync(Vintage(Issue, 1), default);
        var before = await versions.ReadServingVersionAsync("CAISO", default);

        // Same region, issue time and model: a retry replaces the vintage.
        await other.SaveForecastAsync(Vintage(Issue, 2), default);

        Assert.NotEqual(before, await versions.ReadServingVersionAsync("CAISO", default));
    }

    [Fact]
    public async Task ReadServingVersionAsync_VintageDeletedThroughAnotherStore_Changes()
    {
        RequireStore();

        var (versions, _, _) = OpenStore();
        var (_, other, _) = OpenStore();
        await other.SaveForecastAsync(Vintage(Issue, 1), default);
        await other.SaveForecastAsync(Vintage(Issue.AddDays(2), 1), default);
        var before = await versions.ReadServingVersionAsync("CAISO", default);

        Assert.Equal(1, await other.DeleteForecastsIssuedBeforeAsync(Issue.AddDays(1), default));

        Assert.NotEqual(before, await versions.ReadServingVersionAsync("CAISO", default));
    }

    [Fact]
    public async Task ReadServingVersionAsync_ModelActivatedThroughAnotherStore_Changes()
    {
        RequireStore();

        var (versions, _, _) = OpenStore();
        var (_, _, other) = OpenStore();
        var v1 = await other.AddCandidateAsync("CAISO", "fasttree", v => ("{}", Encoding.UTF8.GetBytes(v)), default);
        var v2 = await other.AddCandidateAsync("CAISO", "fasttree", v => ("{}", Encoding.UTF8.GetBytes(v)), default);
        await other.ActivateAsync(v1.Id, default);
        var before = await versions.ReadServingVersionAsync("CAISO", default);

        await other.ActivateAsync(v2.Id, default);
        var activated = await versions.ReadServingVersionAsync("CAISO", default);
        await other.RollbackAsync("CAISO", default);

        Assert.NotEqual(before, activated);
        Assert.NotEqual(activated, await versions.ReadServingVersionAsync("CAISO", default));
    }
}
