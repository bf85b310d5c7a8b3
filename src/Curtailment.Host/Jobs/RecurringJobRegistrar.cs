using Curtailment.Host.Options;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Jobs;

/// <summary>
/// Registers the <see cref="JobSchedule"/> with Hangfire at start-up under its stable ids, and removes recurring jobs
/// the schedule no longer holds (a region left out of the live profile, a source removed) from a job storage that
/// outlives the process. With the virtual clock every job is registered on <see cref="Cron.Never"/>: Hangfire fires
/// nothing on its own (the advance endpoint runs the schedule) but the jobs stay listed and can be triggered.
/// </summary>
public sealed class RecurringJobRegistrar(
    IRecurringJobManager jobs,
    JobStorage storage,
    JobSchedule schedule,
    IOptions<ClockOptions> clock,
    ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var never = clock.Value.IsVirtual;
        foreach (var job in schedule.Jobs)
        {
            job.Register(jobs, never ? Cron.Never() : job.Cron);
        }

        var known = schedule.Jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        using (var connection = storage.GetConnection())
        {
            foreach (var stale in connection.GetRecurringJobs().Where(j => !known.Contains(j.Id)))
            {
                jobs.RemoveIfExists(stale.Id);
                logger.LogInformation("Removed recurring job {Id}: not in the schedule any more", stale.Id);
            }
        }

        logger.LogInformation("Registered {Count} recurring jobs ({Ingests} ingest) for regions {Regions}{Virtual}",
            schedule.Jobs.Count, schedule.Jobs.Count(j => j.Kind == JobKind.Ingest), string.Join(", ", schedule.Regions),
            never ? "; virtual clock: Hangfire fires none of them" : "");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
