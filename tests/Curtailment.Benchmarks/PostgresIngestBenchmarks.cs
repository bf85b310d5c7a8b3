using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Curtailment.Core.Ingest;
using Curtailment.Pipelines.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Curtailment.Benchmarks;

/// <summary>
/// The three EIA-930 demand files of <c>shared/data/real/eia930_demand</c> into a freshly created PostgreSQL database
/// per iteration (issue 7: at least 150,000 rows/s). <see cref="ParseAndWrite"/> is the ingest pipeline in process
/// (read, SHA-256, parse, one transaction per file; the next file parsed while one is written); <see cref="Write"/> is the store alone over batches parsed once;
/// <see cref="Parse"/> is the importer alone, so that the two sides can be told apart. Rows are CSV data rows, observations
/// the values stored (two per row: demand and the BA's forecast). Needs <c>CURTAILMENT_TEST_POSTGRES</c> (the server
/// of <c>.ci/postgres.sh</c>); <c>Program.cs</c> leaves this class out, saying so, when it is not set.
/// In process, so that the database created by the set-up is the one the benchmark writes to.
/// </summary>
[Config(typeof(IngestConfig))]
public class PostgresIngestBenchmarks
{
    /// <summary>The server the benchmark creates its databases on.</summary>
    public const string ServerVariable = "CURTAILMENT_TEST_POSTGRES";

    private ServiceProvider? _services;
    private string? _database;

    /// <summary>Whether the benchmark can run (a server is named and the files are there), else why not.</summary>
    public static string? Unavailable() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerVariable))
            ? $"{ServerVariable} is not set: PostgresIngestBenchmarks skipped (export {ServerVariable}=\"$(bash .ci/postgres.sh)\")."
            : Eia930Workload.Unavailable();

    [GlobalSetup]
    public void Setup()
    {
        using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(ServerVariable));
        admin.Open();
        using var settings = new NpgsqlCommand(
            "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'server_version')", admin);
        Console.WriteLine($"// PostgreSQL settings: {settings.ExecuteScalar()}");
        Console.WriteLine($"// Workload: {Eia930Workload.Files.Count} files, {Eia930Workload.Rows:N0} rows, {Eia930Workload.Observations:N0} observations");
    }

    [IterationSetup(Targets = [nameof(ParseAndWrite), nameof(Write)])]
    public void CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)!;
        _database = $"curtailment_bench_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            create.ExecuteNonQuery();
        }

        _services = Eia930Workload.Services(new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString);
        // Migrates the fresh database outside the measurement.
        _ = _services.GetRequiredService<IIngestStore>();
    }

    [IterationCleanup(Targets = [nameof(ParseAndWrite), nameof(Write)])]
    public void DropDatabase()
    {
        _services?.Dispose();
        _services = null;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(ServerVariable));
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 40)
            {
                // An autovacuum worker (a superuser session, which FORCE may not end) is analysing the fresh rows;
                // it gives way to a DROP within moments.
                Thread.Sleep(250);
            }
        }
    }

    /// <summary>What <c>curtail ingest --source eia930 --file a b c</c> does after start-up: read, hash, parse and store each file.</summary>
    [Benchmark]
    public async Task<long> ParseAndWrite()
    {
        var pipeline = _services!.GetRequiredService<IngestPipeline>();
        var results = await pipeline.IngestPathsAsync("eia930", Eia930Workload.Paths, null, null, null, CancellationToken.None);
        return Check(results.Sum(r => (long)r.Run.ObservationsAccepted));
    }

    /// <summary>The store alone: <see cref="IIngestStore.SaveAsync"/> over the batches parsed once.</summary>
    [Benchmark]
    public async Task<long> Write()
    {
        var store = _services!.GetRequiredService<IIngestStore>();
        long accepted = 0;
        foreach (var (name, _, batch) in Eia930Workload.Files)
        {
            var run = await store.SaveAsync(batch, name, DateTimeOffset.UtcNow, CancellationToken.None);
            accepted += run.ObservationsAccepted;
        }

        return Check(accepted);
    }

    /// <summary>The importer alone (no database).</summary>
    [Benchmark]
    public long Parse()
    {
        long accepted = 0;
        foreach (var (name, content, _) in Eia930Workload.Files)
        {
            accepted += Eia930Workload.ParseOne(name, content).Observations.Count;
        }

        return Check(accepted);
    }

    private static long Check(long accepted) => accepted == Eia930Workload.Observations
        ? accepted
        : throw new InvalidOperationException($"Stored {accepted} observations, expected {Eia930Workload.Observations}: was the database not fresh?");

    /// <summary>One warm-up and ten measured iterations of one invocation each, in this process; rows/s and observations/s columns.</summary>
    private sealed class IngestConfig : ManualConfig
    {
        public IngestConfig()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(1)
                .WithIterationCount(10));
            AddColumn(new ThroughputColumn("Rows/s", () => Eia930Workload.Rows), new ThroughputColumn("Observations/s", () => Eia930Workload.Observations));
        }
    }

    /// <summary>A count divided by the mean time of the benchmark.</summary>
    private sealed class ThroughputColumn(string name, Func<long> count) : IColumn
    {
        public string Id => $"{nameof(ThroughputColumn)}.{name}";

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name}: the workload's count divided by the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (count() / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
