using Curtailment.Core.Forecasts;
using Curtailment.Host.Observability;
using Curtailment.Pipelines.Forecasting;
using Hangfire;

namespace Curtailment.Host.Jobs;

/// <summary>Issues and stores a region's forecast vintage, issued now. A retry at the same instant replaces the vintage.</summary>
public sealed class ForecastJob(ForecastPipeline pipeline, CurtailmentMetrics metrics, ILogger<ForecastJob> logger)
{
    /// <summary>Runs the job for one region.</summary>
    [Queue(JobQueues.Forecast)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<ForecastVintage> RunAsync(string region, CancellationToken cancellationToken)
    {
        try
        {
            var vintage = await pipeline.ForecastAsync(region, null, cancellationToken);
            metrics.ForecastIssued(vintage.Region, "job");
            metrics.JobRun("forecast", succeeded: true);
            logger.LogInformation("Forecast job issued vintage {Id} for {Region} with {Model}", vintage.Id, vintage.Region, vintage.ModelVersion);
            return vintage;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.JobRun("forecast", succeeded: false);
            throw;
        }
    }
}
