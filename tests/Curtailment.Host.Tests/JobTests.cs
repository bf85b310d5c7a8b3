using Curtailment.Core.Forecasts;
using Curtailment.Host.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>The Hangfire job classes, run directly with the host's services and a fake clock.</summary>
[Trait("Category", "Integration")]
public sealed class JobTests : IAsyncLifetime
{
    private readonly string _inbox = Directory.CreateTempSubdirectory("curtailment-inbox-").FullName;
    private HostFactory _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await HostFactory.SeededAsync(new Dictionary<string, string?>
        {
            ["Curtailment:Jobs:KeepForecastDays"] = "3",
            ["Curtailment:Jobs:Sources:0:Name"] = "spp-drop",
            ["Curtailment:Jobs:Sources:0:Source"] = "tidy",
            ["Curtailment:Jobs:Sources:0:Folder"] = _inbox,
        });
        _host.Client();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_inbox, recursive: true);
    }

    private T Job<T>() where T : notnull => _host.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task ForecastJob_Caiso_IssuesAVintageAtTheFakeNow()
    {
        _host.Time.Advance(TimeSpan.FromMinutes(45));

        var vintage = await Job<ForecastJob>().RunAsync("CAISO", default);

        Assert.Equal(SeededDatabase.Now.AddMinutes(45), vintage.IssuedAt);
        Assert.Equal("fasttree@v1", vintage.ModelVersion);
        var stored = await _host.Services.GetRequiredService<IForecastStore>().ListForecastsAsync("CAISO", vintage.IssuedAt, vintage.IssuedAt.AddSeconds(1), default);
        Assert.Equal(vintage.Points.Count, Assert.Single(stored).Points.Count);
    }

    [Fact]
    public async Task ForecastJob_RunTwiceAtTheSameInstant_KeepsOneVintage()
    {
        await Job<ForecastJob>().RunAsync("SPP", default);
        await Job<ForecastJob>().RunAsync("SPP", default);

        var stored = await _host.Services.GetRequiredService<IForecastStore>().ListForecastsAsync("SPP", SeededDatabase.Now.AddHours(-1), SeededDatabase.Now.AddHours(1), default);
        Assert.Single(stored);
    }

    [Fact]
    public async Task CleanupJob_VintagesOlderThanKeepDays_AreDeleted()
    {
        var job = Job<ForecastJob>();
        await job.RunAsync("SPP", default);
        _host.Time.Advance(TimeSpan.FromDays(4));
        await job.RunAsync("SPP", default);

        var deleted = await Job<CleanupJob>().RunAsync(default);

        Assert.Equal(1, deleted);
        var left = await _host.Services.GetRequiredService<IForecastStore>().ListForecastsAsync("SPP", SeededDatabase.Now.AddDays(-1), SeededDatabase.Now.AddDays(5), default);
        Assert.Equal(SeededDatabase.Now.AddDays(4), Assert.Single(left).IssuedAt);
    }

    [Fact]
    public async Task IngestJob_FolderSource_IngestsNewFilesAndSkipsThemOnTheNextRun()
    {
        await File.WriteAllTextAsync(Path.Combine(_inbox, "spp_extra.csv"),
            "interval_start_utc,region,series,value,interval_end_utc,published_at_utc\n2025-06-15T00:00:00Z,SPP,demand_mw,30000,2025-06-15T00:05:00Z,2025-06-15T00:10:00Z\n");

        var first = await Job<IngestJob>().RunAsync("spp-drop", default);
        var second = await Job<IngestJob>().RunAsync("spp-drop", default);

        var run = Assert.Single(first).Run;
        Assert.True(run.Status == Core.Ingest.IngestRunStatus.Succeeded, run.Message);
        Assert.Equal(1, run.ObservationsAccepted);
        Assert.Equal(Core.Ingest.IngestRunStatus.Unchanged, Assert.Single(second).Run.Status);
    }
}
