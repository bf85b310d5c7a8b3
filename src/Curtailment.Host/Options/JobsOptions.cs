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
