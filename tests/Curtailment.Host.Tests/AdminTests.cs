using System.Net;
using Curtailment.Core.ModelRegistry;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>The model registry and job triggers behind the API key.</summary>
[Trait("Category", "Integration")]
public sealed class AdminTests : IAsyncLifetime
{
    private HostFactory _host = null!;

    public async ValueTask InitializeAsync() => _host = await HostFactory.SeededAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    public async Task AdminEndpoints_MissingOrWrongKey_Return401Problem(string? key)
    {
        var client = _host.Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        await Json.ProblemAsync(await client.GetAsync("/api/v1/models"), HttpStatusCode.Unauthorized);
        await Json.ProblemAsync(await client.PostAsync("/api/v1/models/1/activate", null), HttpStatusCode.Unauthorized);
        await Json.ProblemAsync(await client.PostAsync("/api/v1/models/rollback?region=CAISO", null), HttpStatusCode.Unauthorized);
        await Json.ProblemAsync(await client.PostAsync("/api/v1/jobs/cleanup/trigger", null), HttpStatusCode.Unauthorized);
        var models = await _host.Services.GetRequiredService<IModelStore>().ListModelsAsync("CAISO", default);
        Assert.Equal("v1", Assert.Single(models, m => m.Status == ModelStatus.Active).Version);
    }

    [Fact]
    public async Task ListModels_Region_ShowsVersionsNewestFirstWithMetrics()
    {
        var models = (await Json.ReadAsync(await _host.Client(withKey: true).GetAsync("/api/v1/models?region=CAISO"), HttpStatusCode.OK)).AsArray();

        Assert.Equal(["v2", "v1"], models.Select(m => m!["version"]!.GetValue<string>()));
        Assert.Equal(["candidate", "active"], models.Select(m => m!["status"]!.GetValue<string>()));
        Assert.All(models, m => Assert.True(m!["metrics"]!["mae_recent_mw"]!.GetValue<double>() > 0));
    }

    [Fact]
    public async Task ActivateThenRollback_ServesTheNewVersionThenTheOldOne()
    {
        var client = _host.Client(withKey: true);
        var store = _host.Services.GetRequiredService<IModelStore>();
        var v2 = (await store.ListModelsAsync("CAISO", default)).Single(m => m.Version == "v2");

        var activated = await Json.ReadAsync(await client.PostAsync($"/api/v1/models/{v2.Id}/activate", null), HttpStatusCode.OK);
        var afterActivate = await Json.ReadAsync(await client.GetAsync("/api/v1/regions/CAISO/forecast"), HttpStatusCode.OK);
        var rolledBack = await Json.ReadAsync(await client.PostAsync("/api/v1/models/rollback?region=CAISO", null), HttpStatusCode.OK);
        var afterRollback = await Json.ReadAsync(await client.GetAsync("/api/v1/regions/CAISO/forecast"), HttpStatusCode.OK);

        Assert.Equal("active", activated["status"]!.GetValue<string>());
        Assert.Equal("fasttree@v2", afterActivate["modelVersion"]!.GetValue<string>());
        Assert.Equal("v1", rolledBack["version"]!.GetValue<string>());
        Assert.Equal("fasttree@v1", afterRollback["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activate_UnknownModel_Returns404Problem()
    {
        await Json.ProblemAsync(await _host.Client(withKey: true).PostAsync("/api/v1/models/9999/activate", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rollback_NothingRetired_Returns409Problem()
    {
        await Json.ProblemAsync(await _host.Client(withKey: true).PostAsync("/api/v1/models/rollback?region=SPP", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TrainAsync_WorseCandidate_PromotionGateKeepsItInactive()
    {
        _host.Client();
        var result = await _host.Services.GetRequiredService<TrainPipeline>().TrainAsync("CAISO", null, SeededDatabase.BadModel, default);

        Assert.False(result.Activated, result.Reason);
        Assert.Equal(ModelStatus.Candidate, result.Candidate.Status);
        var active = await _host.Services.GetRequiredService<IModelStore>().ActiveModelAsync("CAISO", default);
        Assert.Equal("v1", active?.Version);
    }

    [Fact]
    public async Task TriggerJob_ForecastCaiso_RunsTheJobAndStoresAVintage()
    {
        var client = _host.Client(withKey: true);

        var accepted = await Json.ReadAsync(await client.PostAsync("/api/v1/jobs/forecast:CAISO/trigger", null), HttpStatusCode.Accepted);

        Assert.Equal("forecast:CAISO", accepted["job"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(accepted["jobId"]!.GetValue<string>()));
        var store = _host.Services.GetRequiredService<Core.Forecasts.IForecastStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<Core.Forecasts.ForecastVintage> vintages = [];
        while (vintages.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            vintages = await store.ListForecastsAsync("CAISO", SeededDatabase.Now.AddMinutes(-1), SeededDatabase.Now.AddMinutes(1), default);
        }

        Assert.Equal("fasttree@v1", Assert.Single(vintages).ModelVersion);
    }

    [Fact]
    public async Task TriggerJob_UnknownName_Returns404Problem()
    {
        var problem = await Json.ProblemAsync(await _host.Client(withKey: true).PostAsync("/api/v1/jobs/forecast:NOPE/trigger", null), HttpStatusCode.NotFound);

        Assert.Contains("forecast:CAISO", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
