using Curtailment.Models.Trees;
using Curtailment.Pipelines;
using Curtailment.Pipelines.DemoData;
using Curtailment.Pipelines.Training;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Curtailment.Host.Tests;

/// <summary>
/// A store seeded once per test run with the simulator (SYNTHETIC demo data for every region) and two CAISO
/// model versions: v1 active (small but sensible) and v2 a candidate the promotion gate refused. Each test
/// gets its own copy of the file, so no test sees another's writes.
/// </summary>
internal static class SeededDatabase
{
    /// <summary>The fake "now" of every test: 10:30 in California.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 17, 30, 0, TimeSpan.Zero);

    public const int DemoDays = 30;

    public static readonly CurtailmentModelOptions GoodModel = new() { Trees = 30, Leaves = 8, MinRowsPerLeaf = 20, CalibrationDays = 5 };

    public static readonly CurtailmentModelOptions BadModel = new()
    {
        Trees = 1, Leaves = 2, MinRowsPerLeaf = 500, LearningRate = 0.0001, RelativeToWeekProfile = false, CalibrationDays = 5,
    };

    /// <summary>Settings that keep training small and quick.</summary>
    public static readonly Dictionary<string, string?> TrainingSettings = new()
    {
        ["Curtailment:Training:EvaluationDays"] = "7",
        ["Curtailment:Training:WindowDays"] = "60",
    };

    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the seeded store into <paramref name="folder"/> and returns the copy's path.</summary>
    public static async Task<string> CopyToAsync(string folder)
    {
        var template = await Template.Value;
        var path = Path.Combine(folder, "store.db");
        File.Copy(template, path);
        return path;
    }

    /// <summary>The production composition over a store file, with the fake clock (for seeding and direct pipeline calls).</summary>
    public static ServiceProvider Services(string dbPath, TimeProvider time)
    {
        var settings = new Dictionary<string, string?>(TrainingSettings)
        {
            ["Curtailment:Storage:ConnectionString"] = $"Data Source={dbPath}",
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(time);
        services.AddCurtailment();
        return services.BuildServiceProvider();
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("curtailment-host-template-").FullName;
        var path = Path.Combine(folder, "template.db");
        await using (var services = Services(path, new FakeTimeProvider(Now)))
        {
            await services.GetRequiredService<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(folder, "demo"), DemoDays, default);
            var train = services.GetRequiredService<TrainPipeline>();
            var first = await train.TrainAsync("CAISO", null, GoodModel, default);
            var second = await train.TrainAsync("CAISO", null, BadModel, default);
            if (!first.Activated || second.Activated)
            {
                throw new InvalidOperationException($"Seeding expected v1 active and v2 refused: {first.Reason} / {second.Reason}");
            }
        }

        // Close pooled connections so the WAL is checkpointed into the file before it is copied.
        SqliteConnection.ClearAllPools();
        return path;
    }
}
