using Curtailment.Core.Regions;
using Curtailment.Host.Options;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Registers the recurring jobs at start-up with stable ids: ingest per configured source, retrain and
/// forecast per region in the region's time zone, and cleanup. Re-registering updates them in place.
/// </summary>
public sealed class RecurringJobRegistrar(IRecurringJobManager jobs, IRegionCatalog regions, IOptions<JobsOptions> options, ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var source in settings.Sources)
        {
            var name = source.Name;
            jobs.AddOrUpdate<IngestJob>(JobIds.Ingest(name), JobQueues.Ingest, job => job.RunAsync(name, CancellationToken.None), source.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        foreach (var region in regions.All)
        {
            var id = region.Id;
            var local = new RecurringJobOptions { TimeZone = region.TimeZone };
            jobs.AddOrUpdate<RetrainJob>(JobIds.Retrain(id), JobQueues.Train, job => job.RunAsync(id, CancellationToken.None), settings.RetrainCron, local);
            jobs.AddOrUpdate<ForecastJob>(JobIds.Forecast(id), JobQueues.Forecast, job => job.RunAsync(id, CancellationToken.None), settings.ForecastCron, local);
        }

        // Never scheduled: an operator triggers it to retrain every region at once, spread over the workers.
        jobs.AddOrUpdate<RetrainAllJob>(JobIds.RetrainAll, JobQueues.Default, job => job.RunAsync(CancellationToken.None), Cron.Never(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<CleanupJob>(JobIds.Cleanup, JobQueues.Default, job => job.RunAsync(CancellationToken.None), settings.CleanupCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        logger.LogInformation("Registered recurring jobs: {Sources} ingest, {Regions} retrain and forecast, retrain-all, cleanup", settings.Sources.Count, regions.All.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
