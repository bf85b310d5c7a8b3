using System.IO.Compression;
using Curtailment.Ingestion.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Ingestion.Tests.Feeds;

/// <summary>The feeds as the host registers them, every operator pointed at one loopback server.</summary>
internal static class FeedTestSupport
{
    public static ServiceProvider Services(Uri baseUrl, int retries = 2, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Curtailment:Fetch:CaisoBaseUrl"] = baseUrl.AbsoluteUri,
            ["Curtailment:Fetch:OasisBaseUrl"] = baseUrl.AbsoluteUri,
            ["Curtailment:Fetch:EiaApiBaseUrl"] = baseUrl.AbsoluteUri + "eia/",
            ["Curtailment:Fetch:AemoBaseUrl"] = baseUrl.AbsoluteUri,
            ["Curtailment:Fetch:AttemptTimeout"] = "00:00:01",
            ["Curtailment:Fetch:TotalTimeout"] = "00:00:10",
            ["Curtailment:Fetch:MaxRetryAttempts"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddCurtailmentFeeds();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return provider;
    }

    public static IOperatorFeed Feed(this ServiceProvider services, string name) => services.GetRequiredService<FeedCatalog>().Get(name);

    /// <summary>A zip of one entry, as OASIS answers.</summary>
    public static byte[] Zip(string entryName, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry(entryName).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }
}
