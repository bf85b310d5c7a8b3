using Curtailment.Core.Regions;
using Curtailment.Core.ModelRegistry;
using Curtailment.Host.Observability;
using Curtailment.Host.Options;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.DemoData;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Startup;

/// <summary>
/// The embedded default's first run, in the background so that Kestrel starts at once (readiness says
/// not-ready until it is done): demo data when the store is empty, a model per region without one, and
/// today's forecast per region. A region that cannot be trained stays on the baseline and says so in the log.
/// In the live profile no demo data is written or imported, and only the live regions are trained and forecast.
/// </summary>
public sealed class StartupTask(
    StartupState state,
    IOptions<StartupOptions> options,
    IOptions<LiveOptions> live,
    IHostEnvironment environment,
    IRegionCatalog regions,
    IModelStore models,
    DemoDataPipeline demoData,
    TrainPipeline train,
    ForecastPipeline forecast,
    CurtailmentMetrics metrics,
    ILogger<StartupTask> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the server finish starting before the CPU-heavy work begins.
        await Task.Yield();
        var settings = options.Value;
        var served = live.Value.Enabled
            ? [.. live.Value.EffectiveRegions.Select(regions.Get)]
            : regions.All;
        try
        {
            if (live.Value.Enabled)
            {
                // The live schedule owns training and issuing too, so a restart changes nothing the schedule would not.
                logger.LogInformation("Live profile: no demo data, and no start-up training or forecast; the feeds of {Regions} fill the store and the schedule trains and issues", string.Join(", ", live.Value.EffectiveRegions));
            }
            else if (settings.LoadDemoData)
            {
                state.Step("loading demo data");
                var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.DemoFolder));
                var loaded = await demoData.LoadIfEmptyAsync(folder, settings.DemoDays, stoppingToken);
                logger.LogInformation(loaded.Count > 0 ? "Loaded {Files} SYNTHETIC demo files from {Folder}" : "The store holds data; no demo data loaded ({Files} files, {Folder})", loaded.Count, folder);
            }

            if (settings.TrainMissingModels && !live.Value.Enabled)
            {
                foreach (var region in served)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                    if (await models.ActiveModelAsync(region.Id, stoppingToken) is not null)
                    {
                        continue;
                    }

                    state.Step($"training {region.Id}");
                    try
                    {
                        var result = await train.TrainAsync(region.Id, null, null, stoppingToken);
                        logger.LogInformation("Start-up training of {Region}: {Version} {Decision}", region.Id, result.Candidate.Version, result.Activated ? "activated" : "kept as candidate");
                    }
                    catch (InsufficientHistoryException e)
                    {
                        logger.LogWarning("Region {Region} stays on the week-profile baseline: {Reason}", region.Id, e.Message);
                    }
                }
            }

            if (settings.IssueForecasts && !live.Value.Enabled)
            {
                foreach (var region in served)
                {
                    state.Step($"forecasting {region.Id}");
                    var vintage = await forecast.ForecastAsync(region.Id, null, stoppingToken);
                    metrics.ForecastIssued(region.Id, "startup");
                    logger.LogInformation("Start-up forecast for {Region}: {Model}, {Points} intervals", region.Id, vintage.ModelVersion, vintage.Points.Count);
                }
            }

            state.Complete("ready");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state.Complete("stopped during start-up");
        }
#pragma warning disable CA1031 // Start-up failures are reported by readiness and the log; the API keeps serving what it can.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Start-up failed at {Step}", state.Status);
            state.Complete($"start-up failed at {state.Status}: {e.Message}");
            state.Fail();
        }
    }
}
