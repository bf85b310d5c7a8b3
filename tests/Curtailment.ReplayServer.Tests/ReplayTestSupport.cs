using System.Globalization;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using Curtailment.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Curtailment.ReplayServer.Tests;

/// <summary>A replay server over ../shared/data/real and the real feeds pointed at it, with short retries and timeouts.</summary>
internal static class ReplayTestSupport
{
    private static readonly Lazy<RegionCatalog> LazyRegions = new(() => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")));

    public static IRegionCatalog Regions => LazyRegions.Value;

    /// <summary>
    /// Starts a server on a <see cref="ReplayClock"/> at <paramref name="now"/>, its files loaded (once per process, so a
    /// first load slower than a test's attempt timeout cannot decide an outcome); skips the test without ../shared.
    /// </summary>
    public static async Task<ReplayServer> StartAsync(DateTimeOffset now)
    {
        var server = await ReplayServer.StartAsync(new ReplayServerOptions { DataFolder = Requires.RealData(), TimeoutHold = TimeSpan.FromSeconds(30) }, new ReplayClock(now));
        server.Preload();
        return server;
    }

    public static ServiceProvider Feeds(ReplayServer server, int retries = 1, string attemptTimeout = "00:00:05")
    {
        var settings = server.HostSettings.ToDictionary(p => p.Key, p => (string?)p.Value);
        settings["Curtailment:Fetch:AttemptTimeout"] = attemptTimeout;
        settings["Curtailment:Fetch:TotalTimeout"] = "00:00:20";
        settings["Curtailment:Fetch:MaxRetryAttempts"] = retries.ToString(CultureInfo.InvariantCulture);
        settings["Curtailment:Fetch:RetryDelay"] = "00:00:00.010";
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddCurtailmentFeeds();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    public static IOperatorFeed Feed(this ServiceProvider services, string name) => services.GetRequiredService<FeedCatalog>().Get(name);

    public static async Task<ImportBatch> FetchAndImportAsync(this IOperatorFeed feed, DateOnly day, IFileImporter importer)
    {
        var result = await feed.FetchAsync(day, default);
        Assert.True(result.Outcome == FeedOutcome.Fetched, $"{feed.Name} {day}: {result.Outcome} ({result.Reason})");
        return Import(importer, result.File!);
    }

    public static ImportBatch Import(IFileImporter importer, FetchedFile file)
    {
        using var stream = new MemoryStream(file.Content);
        var batch = importer.Parse(stream, new ImportContext(file.FileName, Regions));
        Assert.Empty(batch.Rejected);
        return batch;
    }

    /// <summary>The observations of one series, by interval start.</summary>
    public static Dictionary<DateTimeOffset, double> Series(this ImportBatch batch, string series) =>
        batch.Observations.Where(o => o.Series == series).ToDictionary(o => o.IntervalStart.ToUniversalTime(), o => o.Value);
}
