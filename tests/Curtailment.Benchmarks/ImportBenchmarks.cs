using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Ingestion;
using Curtailment.Ingestion.Aemo;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Eia930;
using Curtailment.Pipelines.Ingest;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Curtailment.Benchmarks;

/// <summary>
/// Import of the three real files in one process: what <c>curtail ingest</c> does after start-up (the file's
/// bytes already in memory): SHA-256, parse, and one SQLite transaction into a fresh database file in a temporary
/// folder (created and migrated before the timed call). Target: at least 200,000 observations/s for each file.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private static readonly ImporterCatalog Importers =
        new([new CaisoOutlookImporter(), new Eia930Importer(), new AemoPriceDemandImporter()]);

    private static readonly Lazy<RegionCatalog> Regions = new(() => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")));

    private byte[] _bytes = [];
    private string _folder = string.Empty;
    private int _iteration;
    private IngestPipeline _pipeline = null!;

    /// <summary>The files, in the order of the docs' table.</summary>
    public static IEnumerable<ImportFile> Files => ImportFile.All;

    [ParamsSource(nameof(Files))]
    public ImportFile Input { get; set; } = null!;

    /// <summary>Parses a file outside any timing (the observation count of the rate column).</summary>
    public static ImportBatch Parse(ImportFile file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var stream = File.OpenRead(path);
        return Importers.Get(file.Source).Parse(stream, new ImportContext(file.FileName, Regions.Value));
    }

    [GlobalSetup]
    public void Setup()
    {
        _bytes = File.ReadAllBytes(Input.RequirePath());
        _folder = Directory.CreateTempSubdirectory("curtailment-import-bench-").FullName;
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        // Pooled connections keep the previous file open; drop them before deleting it.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            File.Delete(file);
        }

        var store = new SqliteStore($"Data Source={Path.Combine(_folder, $"import-{++_iteration}.db")}", TimeProvider.System);
        _pipeline = new IngestPipeline(Importers, store, Regions.Value, TimeProvider.System, NullLogger<IngestPipeline>.Instance);
    }

    [Benchmark]
    public async Task<IngestRun> Import()
    {
        var result = await _pipeline.IngestBytesAsync(Input.Source, _bytes, Input.FileName, null, null, CancellationToken.None);
        // A failed or empty import would be fast for the wrong reason.
        return result.Run is { Status: IngestRunStatus.Succeeded, ObservationsAccepted: > 0 } run
            ? run
            : throw new InvalidOperationException($"{Input.Name}: import {result.Run.Status}, {result.Run.ObservationsAccepted} observations: {result.Run.Message}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// An import takes about a second, so a few measured runs after two warm-ups suffice (Monitoring: no pilot,
    /// since every run needs a fresh database anyway). The rates come from the mean and from the fastest run:
    /// on cores shared with other work the two differ widely, and the docs give both.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(2).WithIterationCount(10));
            AddColumn(StatisticColumn.Min, StatisticColumn.Median);
            AddColumn(
                new ObservationsColumn(ObservationsColumn.Kind.Count),
                new ObservationsColumn(ObservationsColumn.Kind.RateAtMean),
                new ObservationsColumn(ObservationsColumn.Kind.RateAtMin));
        }
    }
}
