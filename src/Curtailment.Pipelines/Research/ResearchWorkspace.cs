using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.DemoData;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Pipelines.Research;

/// <summary>
/// What a notebook needs in one object: the same services the host and the CLI use, over an existing
/// SQLite file or a fresh one filled with SYNTHETIC demo data. Logic lives in the library; notebooks
/// stay short.
/// </summary>
public sealed class ResearchWorkspace : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _temporaryFolder;

    private ResearchWorkspace(ServiceProvider services, string databasePath, string? temporaryFolder)
    {
        _services = services;
        DatabasePath = databasePath;
        _temporaryFolder = temporaryFolder;
    }

    /// <summary>The SQLite file in use.</summary>
    public string DatabasePath { get; }

    /// <summary>Whether the data are the simulator's (synthetic) rather than an operator's.</summary>
    public bool IsSyntheticDemo => _temporaryFolder is not null;

    /// <summary>The region catalogue.</summary>
    public IRegionCatalog Regions => Get<IRegionCatalog>();

    /// <summary>
    /// Opens <paramref name="databasePath"/>, or, when it is null or empty, a temporary store loaded with
    /// <paramref name="demoDays"/> days of SYNTHETIC demo data ending tomorrow.
    /// </summary>
    public static async Task<ResearchWorkspace> OpenAsync(string? databasePath = null, int demoDays = 60, CancellationToken cancellationToken = default)
    {
        string? temporary = null;
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            temporary = Directory.CreateTempSubdirectory("curtailment-notebook-").FullName;
            databasePath = Path.Combine(temporary, "demo.db");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Curtailment:Storage:ConnectionString"] = $"Data Source={databasePath}",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddCurtailment(withFetchers: false) // notebooks download nothing; the kernel ships its own Polly
            .BuildServiceProvider();
        var workspace = new ResearchWorkspace(services, databasePath, temporary);
        if (temporary is not null)
        {
            await workspace.Get<DemoDataPipeline>().LoadIfEmptyAsync(Path.Combine(temporary, "files"), demoDays, cancellationToken);
        }

        return workspace;
    }

    /// <summary>A service of the composition (pipelines, stores).</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>What the store holds, per series.</summary>
    public Task<IReadOnlyList<SeriesSummary>> SummaryAsync(string? region = null) =>
        Get<IDataSummaryReader>().SummarizeAsync(region, CancellationToken.None);

    /// <summary>A series on a grid, as known now, over the local days <c>[from, to]</c>.</summary>
    public Task<DenseSeries> SeriesAsync(string region, string series, DateOnly from, DateOnly to, TimeSpan step)
    {
        var r = Regions.Get(region);
        var (start, end) = Plots.CurtailmentPlots.Days(r, from, to);
        return Get<IObservationReader>().ReadDenseAsync(new ObservationQuery(r.Id, series, start, end, DateTimeOffset.UtcNow), step, CancellationToken.None);
    }

    /// <summary>The last local day holding data of a region's target series.</summary>
    public async Task<DateOnly> LastDayAsync(string region)
    {
        var r = Regions.Get(region);
        var end = await Get<IObservationReader>().LatestIntervalEndAsync(r.Id, r.Target.Series, DateTimeOffset.MaxValue, CancellationToken.None)
            ?? throw new InvalidOperationException($"No {r.Target.Series} data for {r.Id}.");
        return Core.Time.LocalClock.LocalDate(end.AddTicks(-1), r.TimeZone);
    }

    /// <summary>The protocol's rolling backtest.</summary>
    public Task<BacktestResult> BacktestAsync(BacktestRequest request) =>
        Get<BacktestPipeline>().RunAsync(request, null, CancellationToken.None);

    /// <summary>
    /// Trains a model on every labelled day before the last <paramref name="holdoutDays"/> and returns it
    /// with the held-out days' features (as known at their issue times) and actuals, for diagnostics
    /// such as permutation importance.
    /// </summary>
    public async Task<(Models.Trees.CurtailmentModel Model, IReadOnlyList<(Features.FeatureFrame Features, double[] Actual)> Holdout)> TrainWithHoldoutAsync(
        string region, int holdoutDays, Models.Trees.CurtailmentModelOptions? options = null)
    {
        var r = Regions.Get(region);
        var lastDay = await LastDayAsync(region);
        var reader = Get<IObservationReader>();
        var recent = await reader.ReadAsync(new ObservationQuery(r.Id, r.Target.Series, DateTimeOffset.UtcNow.AddYears(-50), DateTimeOffset.MaxValue, DateTimeOffset.MaxValue), CancellationToken.None);
        var step = recent.GroupBy(o => o.Duration).MaxBy(g => g.Count())?.Key ?? r.NativeResolution;
        var cache = new Training.DayFeatureCache(new Features.FeatureBuilder(reader), r, step);
        var firstHoldout = lastDay.AddDays(-holdoutDays + 1);
        var training = await Training.TrainingData.BuildAsync(reader, r, cache, lastDay.AddDays(-365), firstHoldout.AddDays(-1), DateTimeOffset.MaxValue, CancellationToken.None);
        var model = Models.Trees.CurtailmentModelTrainer.Train(r, training, options ?? new Models.Trees.CurtailmentModelOptions(), "notebook");
        var holdout = new List<(Features.FeatureFrame, double[])>();
        for (var day = firstHoldout; day <= lastDay; day = day.AddDays(1))
        {
            var (start, end) = Forecasting.DayAheadSchedule.DayBounds(r, day);
            var actual = await reader.ReadDenseAsync(new ObservationQuery(r.Id, r.Target.Series, start, end, DateTimeOffset.MaxValue), step, CancellationToken.None);
            holdout.Add((await cache.GetAsync(day, CancellationToken.None), actual.Values));
        }

        return (model, holdout);
    }

    /// <summary>An HTML image element for PNG bytes (notebooks display it with <c>HTML(...)</c>).</summary>
    public static string ImageHtml(byte[] png) => $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"/>";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_temporaryFolder is not null)
        {
            Directory.Delete(_temporaryFolder, recursive: true);
        }
    }
}
