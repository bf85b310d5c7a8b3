using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Ingestion;
using Curtailment.Pipelines;
using Curtailment.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Benchmarks;

/// <summary>The three EIA-930 hourly demand files (CISO, ERCO, SWPP) read and parsed once per process.</summary>
internal static class Eia930Workload
{
    private static readonly string[] FileNames = ["eia930_demand_CISO_hourly.csv", "eia930_demand_ERCO_hourly.csv", "eia930_demand_SWPP_hourly.csv"];

    private static readonly Lazy<List<(string Name, byte[] Content, ImportBatch Batch)>> Loaded = new(Load);

    public static IReadOnlyList<(string Name, byte[] Content, ImportBatch Batch)> Files => Loaded.Value;

    /// <summary>The files' paths, in the order the CLI would take them.</summary>
    public static IReadOnlyList<string> Paths => [.. FileNames.Select(f => Path.Combine(Folder!, f))];

    public static long Rows => Files.Sum(f => (long)f.Batch.RowsRead);

    public static long Observations => Files.Sum(f => (long)f.Batch.Observations.Count);

    private static string? Folder => SharedFolder.Find(Path.Combine("data", "real", "eia930_demand"));

    /// <summary>Null when the files are there, else why the benchmark cannot run.</summary>
    public static string? Unavailable() =>
        Folder is { } folder && FileNames.All(f => File.Exists(Path.Combine(folder, f)))
            ? null
            : $"shared/data/real/eia930_demand with {string.Join(", ", FileNames)} not found above {AppContext.BaseDirectory}.";

    /// <summary>The application's services over the given store (<c>Provider=Postgres</c> when a connection string is given).</summary>
    public static ServiceProvider Services(string? postgres)
    {
        var settings = new Dictionary<string, string?>();
        if (postgres is not null)
        {
            settings["Curtailment:Storage:Provider"] = "Postgres";
            settings["Curtailment:Storage:ConnectionString"] = postgres;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddCurtailment(withFetchers: false);
        return services.BuildServiceProvider();
    }

    public static ImportBatch ParseOne(string name, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return Importer.Value.Parse(stream, new ImportContext(name, Regions.Value));
    }

    private static readonly Lazy<ServiceProvider> Parsing = new(() => Services(null));

    private static readonly Lazy<IFileImporter> Importer = new(() => Parsing.Value.GetRequiredService<ImporterCatalog>().Get("eia930"));

    private static readonly Lazy<IRegionCatalog> Regions = new(() => Parsing.Value.GetRequiredService<IRegionCatalog>());

    private static List<(string, byte[], ImportBatch)> Load()
    {
        var folder = Folder ?? throw new InvalidOperationException(Unavailable());
        return [.. FileNames.Select(name =>
        {
            var content = File.ReadAllBytes(Path.Combine(folder, name));
            return (name, content, ParseOne(name, content));
        })];
    }
}
