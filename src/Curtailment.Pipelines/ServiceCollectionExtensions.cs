using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Core.Observations;
using Curtailment.Ingestion;
using Curtailment.Ingestion.Feeds;
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
    public static IServiceCollection AddCurtailment(this IServiceCollection services, bool withFetchers = true)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RegionOptions>().BindConfiguration(RegionOptions.SectionName);
        services.AddSingleton<IRegionCatalog>(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<RegionOptions>>().Value.Path;
            // The copy shipped beside this assembly, which is also where a notebook kernel finds it.
            var path = string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Path.GetDirectoryName(typeof(RegionOptions).Assembly.Location) ?? AppContext.BaseDirectory, "regions.json")
                : configured;
            return RegionCatalog.Load(path);
        });
        services.AddCurtailmentStorage();
        services.AddCurtailmentIngestion();
        // Every FetchOptions default is valid, so this needs no configuration; a bad override fails at start.
        if (withFetchers)
        {
            services.AddCurtailmentFeeds();
        }
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<FeedBackfill>();
        // SSA extrapolates demand where no operator forecast exists (a weekly window, because weekends matter; not
        // stabilized, which is most of its cost and barely moves day-ahead accuracy) and the target itself (a daily
        // window, stabilized); see docs/adr/0002 and docs/benchmarks.md, "SSA".
        services.AddSingleton(sp => new FeatureBuilder(
            sp.GetRequiredService<IObservationReader>(),
            new SsaSeriesForecaster(SsaSeriesForecaster.WeeklyWindowSize, stabilize: false),
            new SsaSeriesForecaster(SsaSeriesForecaster.DailyWindowSize)));
        services.AddOptions<ModelTrainingOptions>().BindConfiguration(ModelTrainingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelInputs>();
        services.AddSingleton<BacktestPipeline>();
        services.AddSingleton<ActiveModels>();
        services.AddSingleton<ForecastPipeline>();
        services.AddSingleton<LateInputReissue>();
        services.AddSingleton<ForecastServing>();
        services.AddSingleton<Outlook.OutlookPipeline>();
        services.AddSingleton<TrainPipeline>();
        services.AddSingleton<DemoData.DemoDataPipeline>();
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
