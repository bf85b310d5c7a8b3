using System.ComponentModel.DataAnnotations;

namespace Curtailment.Host.Options;

/// <summary>Hangfire server and the recurring jobs.</summary>
public sealed class JobsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Jobs";

    /// <summary>Run a Hangfire server in this process (false: enqueue only, another process works).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire worker threads.</summary>
    [Range(1, 64, ErrorMessage = "Curtailment:Jobs:WorkerCount must be between 1 and 64.")]
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// PostgreSQL job storage only: a job fetched by a worker stays invisible to the others for this long after the
    /// worker's last sign of life. With <see cref="SlidingInvisibilityTimeout"/> the running worker keeps extending it,
    /// so it bounds how soon a dead worker's job is taken over, not how long a job may run. See ADR 0006.
    /// </summary>
    [Range(10, 86_400, ErrorMessage = "Curtailment:Jobs:InvisibilityTimeoutSeconds must be between 10 and 86400.")]
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>PostgreSQL job storage only: the running worker keeps extending the invisibility of its jobs (see ADR 0006).</summary>
    public bool SlidingInvisibilityTimeout { get; set; } = true;

    /// <summary>PostgreSQL job storage only: how often an idle worker polls its queues.</summary>
    [Range(1, 300, ErrorMessage = "Curtailment:Jobs:QueuePollIntervalSeconds must be between 1 and 300.")]
    public int QueuePollIntervalSeconds { get; set; } = 5;

    /// <summary>Scheduled ingests.</summary>
    public List<IngestSourceOptions> Sources { get; set; } = [];

    /// <summary>Cron expression of the daily retrain, in each region's local time.</summary>
    [Required(ErrorMessage = "Curtailment:Jobs:RetrainCron is required.")]
    public string RetrainCron { get; set; } = "30 3 * * *";

    /// <summary>Cron expression of the daily forecast, in each region's local time (10:00).</summary>
    [Required(ErrorMessage = "Curtailment:Jobs:ForecastCron is required.")]
    public string ForecastCron { get; set; } = "0 10 * * *";

    /// <summary>Cron expression of the cleanup (UTC).</summary>
    [Required(ErrorMessage = "Curtailment:Jobs:CleanupCron is required.")]
    public string CleanupCron { get; set; } = "0 4 * * *";

    /// <summary>Forecast vintages issued longer ago than this are deleted by the cleanup job.</summary>
    [Range(1, 3650, ErrorMessage = "Curtailment:Jobs:KeepForecastDays must be between 1 and 3650.")]
    public int KeepForecastDays { get; set; } = 90;
}
