using Curtailment.Core.Regions;
using Curtailment.Host.Options;
using Curtailment.Ingestion.Feeds;
using Hangfire;
using Hangfire.Common;

namespace Curtailment.Host.Jobs;

/// <summary>
/// The recurring jobs, built once from the options, the regions and the feeds: ingest per source (in the live profile,
/// per feed of a live region), retrain and forecast cycle per served region in its zone, cleanup, and the retrain
/// fan-out (never scheduled). Hangfire registers it (<see cref="RecurringJobRegistrar"/>) and the virtual clock's runner
/// walks it; both take the order of jobs due at one instant from <see cref="Occurrences"/> and <see cref="RegionCycleJob"/>.
/// </summary>
public sealed class JobSchedule
{
    private readonly Dictionary<string, ScheduledJob> _byId;

    private JobSchedule(IReadOnlyList<string> regions, IReadOnlyList<ScheduledJob> jobs)
    {
        Regions = regions;
        Jobs = jobs;
        _byId = jobs.ToDictionary(j => j.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The regions whose retrain and forecast are scheduled (every region, or the live ones).</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Every recurring job, ingests first, then per region retrain and forecast, then maintenance.</summary>
    public IReadOnlyList<ScheduledJob> Jobs { get; }

    /// <summary>Builds the schedule. <paramref name="jobs"/> holds the sources after the live profile added its feeds.</summary>
    public static JobSchedule Build(JobsOptions jobs, LiveOptions live, IRegionCatalog regions, FeedCatalog feeds)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(feeds);
        var served = live.Enabled
            ? live.EffectiveRegions.Select(r => regions.Get(r)).ToList()
            : [.. regions.All];
        var list = new List<ScheduledJob>();
        foreach (var source in jobs.Sources)
        {
            var name = source.Name;
            var region = source.Feed is { } feed ? feeds.Get(feed).RegionId : source.Region;
            list.Add(new ScheduledJob(JobIds.Ingest(name), JobKind.Ingest, region, source.Cron, TimeZoneInfo.FindSystemTimeZoneById(source.TimeZone),
                Job.FromExpression<RegionCycleJob>(j => j.IngestAsync(name, CancellationToken.None), JobQueues.Ingest)));
        }

        foreach (var region in served)
        {
            var id = region.Id;
            list.Add(new ScheduledJob(JobIds.Retrain(id), JobKind.Retrain, id, jobs.RetrainCron, region.TimeZone,
                Job.FromExpression<RegionCycleJob>(j => j.RetrainAsync(id, CancellationToken.None), JobQueues.Train)));
            list.Add(new ScheduledJob(JobIds.Forecast(id), JobKind.Forecast, id, jobs.ForecastCron, region.TimeZone,
                Job.FromExpression<RegionCycleJob>(j => j.ForecastAsync(id, CancellationToken.None), JobQueues.Forecast)));
        }

        // Never scheduled: an operator triggers it to retrain every region at once, spread over the workers.
        list.Add(new ScheduledJob(JobIds.RetrainAll, JobKind.Maintenance, null, Cron.Never(), TimeZoneInfo.Utc,
            Job.FromExpression<RetrainAllJob>(j => j.RunAsync(CancellationToken.None), JobQueues.Default)));
        list.Add(new ScheduledJob(JobIds.Cleanup, JobKind.Maintenance, null, jobs.CleanupCron, TimeZoneInfo.Utc,
            Job.FromExpression<CleanupJob>(j => j.RunAsync(CancellationToken.None), JobQueues.Default)));
        return new JobSchedule([.. served.Select(r => r.Id)], list);
    }

    /// <summary>The job with id <paramref name="id"/> (case-insensitive), or null.</summary>
    public ScheduledJob? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The ingest jobs of <paramref name="region"/>, in schedule order: what its forecast cycle refreshes first.</summary>
    public IReadOnlyList<ScheduledJob> IngestsOf(string region) =>
        [.. Jobs.Where(j => j.Kind == JobKind.Ingest && string.Equals(j.Region, region, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Whether <paramref name="region"/>'s forecast cycle fires at <paramref name="instant"/>.</summary>
    public bool ForecastFiresAt(string region, DateTimeOffset instant) => Find(JobIds.Forecast(region))?.FiresAt(instant) == true;

    /// <summary>Whether <paramref name="region"/>'s retrain is due at <paramref name="instant"/>.</summary>
    public bool RetrainFiresAt(string region, DateTimeOffset instant) => Find(JobIds.Retrain(region))?.FiresAt(instant) == true;

    /// <summary>
    /// Every occurrence in (<paramref name="after"/>, <paramref name="upTo"/>], in time order; at one instant by
    /// <see cref="JobKind"/> (ingest, retrain, forecast, maintenance), then by id.
    /// </summary>
    public IReadOnlyList<ScheduledOccurrence> Occurrences(DateTimeOffset after, DateTimeOffset upTo) =>
        [.. Jobs.SelectMany(j => j.Occurrences(after, upTo).Select(at => new ScheduledOccurrence(at, j)))
            .OrderBy(o => o.At)
            .ThenBy(o => o.Job.Kind)
            .ThenBy(o => o.Job.Id, StringComparer.Ordinal)];

    /// <summary>The instant a scheduled run stands for: the clock's time to the minute (a cron's finest step).</summary>
    public static DateTimeOffset InstantOf(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
