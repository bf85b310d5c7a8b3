using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Features.Drivers;
using Curtailment.Ingestion;
using Curtailment.Ingestion.Fetching;
using Curtailment.Models.Ssa;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Serving;
using Curtailment.Pipelines.Training;
using Curtailment.Pipelines.Ingest;
using Curtailment.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Curtailment.Pipelines;

/// <summary>The one composition call the Host, the CLI and the notebooks share.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds regions, storage, ingestion (importers and fetchers) and the use-case pipelines.</summary>
    public static IServiceCollection AddCurtailment(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RegionOptions>().BindConfiguration(RegionOptions.SectionName);
        services.AddSingleton<IRegionCatalog>(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<RegionOptions>>().Value.Path;
            var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "regions.json") : configured;
            return RegionCatalog.Load(path);
        });
        services.AddCurtailmentStorage();
        services.AddCurtailmentIngestion();
        // Every FetchOptions default is valid, so this needs no configuration; a bad override fails at start.
        services.AddCurtailmentFetchers();
        services.AddSingleton<IngestPipeline>();
        // The feature builder extrapolates demand (where no operator forecast exists) and the target with SSA;
        // the daily window keeps feature building for an issue day within its time budget (docs/benchmarks.md).
        services.AddSingleton<ISeriesForecaster>(new SsaSeriesForecaster(SsaSeriesForecaster.DailyWindowSize));
        services.AddSingleton<FeatureBuilder>();
        services.AddSingleton<BacktestPipeline>();
        services.AddSingleton<ActiveModels>();
        services.AddSingleton<ForecastPipeline>();
        services.AddSingleton<TrainPipeline>();
        services.AddSingleton<DemoData.DemoDataPipeline>();
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
