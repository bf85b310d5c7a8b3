using Curtailment.Core.ModelRegistry;
using Curtailment.Host.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>The retrain fan-out's order: the longest recorded training first, so that workers finish close together.</summary>
[Trait("Category", "Integration")]
public sealed class RetrainFanOutTests : IAsyncLifetime
{
    private HostFactory _host = null!;

    public async ValueTask InitializeAsync()
    {
        // No Hangfire server: the enqueued retrains stay in the queue to be read back.
        _host = await HostFactory.SeededAsync(new Dictionary<string, string?> { ["Curtailment:Jobs:RunServer"] = "false" });
        _host.Client();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunAsync_EnqueuesRegionsNeverTimedFirstThenByTheirNewestModelsTrainingTimeDescending()
    {
        var models = _host.Services.GetRequiredService<IModelStore>();
        await AddModelAsync(models, "CAISO", """{"metrics":{"training_seconds":40}}""");
        await AddModelAsync(models, "CAISO", """{"metrics":{"training_seconds":2.5}}"""); // the newest counts
        await AddModelAsync(models, "SPP", """{"metrics":{"training_seconds":9}}""");
        await AddModelAsync(models, "SA1", """{"metrics":{"training_seconds":5}}""");
        await AddModelAsync(models, "ERCOT", """{"metrics":{"mae_recent_mw":1}}""");        // trained before the time was recorded

        var ids = await _host.Services.CreateScope().ServiceProvider.GetRequiredService<RetrainAllJob>().RunAsync(default);

        var monitoring = _host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var regions = ids.Select(id => (string)monitoring.JobDetails(id).Job.Args[0]).ToList();
        // Regions never timed (ERCOT, and those without any model) in catalogue order, then the longest training first.
        string[] timed = ["SPP", "SA1", "CAISO"];
        Assert.Equal(Catalogue.Ids.Except(timed).Concat(timed), regions);
        Assert.Equal(ids.Order(), monitoring.EnqueuedJobs(JobQueues.Train, 0, 10).Select(j => j.Key).Order());
    }

    private static Task<ModelRecord> AddModelAsync(IModelStore models, string region, string manifestJson) =>
        models.AddCandidateAsync(region, "fasttree", _ => (manifestJson, [1, 2, 3]), default);
}
