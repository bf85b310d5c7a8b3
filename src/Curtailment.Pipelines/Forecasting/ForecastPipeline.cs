using Curtailment.Core.Forecasts;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Explanations;
using Curtailment.Models.Trees;
using Curtailment.Pipelines.Serving;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.Logging;

namespace Curtailment.Pipelines.Forecasting;

/// <summary>
/// Issues a forecast vintage: from the issue time to the end of the next local day, with the region's
/// active model (or the week-profile baseline when none is trained), read as of the issue time, and
/// stored so that clients can audit it later, with what moved each day's level where the model can say.
/// </summary>
public sealed class ForecastPipeline(
    IRegionCatalog regions,
    IObservationReader reader,
    ModelInputs inputs,
    ActiveModels models,
    IForecastStore forecasts,
    TimeProvider time,
    ILogger<ForecastPipeline> logger)
{
    /// <summary>Computes and stores a vintage issued at <paramref name="issuedAt"/> (default: now).</summary>
    public async Task<ForecastVintage> ForecastAsync(string regionId, DateTimeOffset? issuedAt, CancellationToken cancellationToken)
    {
        var region = regions.Get(regionId);
        var issue = (issuedAt ?? time.GetUtcNow()).ToUniversalTime();
        var step = await ModelInputs.TargetStepAsync(reader, region, issue, cancellationToken);
        var start = DateTimeOffset.FromUnixTimeSeconds(issue.ToUnixTimeSeconds() / (long)step.TotalSeconds * (long)step.TotalSeconds);
        var (_, end) = LocalClock.DayBounds(LocalClock.LocalDate(issue, region.TimeZone).AddDays(1), region.TimeZone);

        var (forecaster, record) = await models.GetAsync(region.Id, cancellationToken);
        // Features are built the way the active model was trained; a baseline reads the region's defaults.
        var builder = inputs.BuilderFor(reader, forecaster is CurtailmentModel model ? model.Manifest.Options : inputs.OptionsFor(region));
        var frame = await builder.BuildAsync(new FeatureRequest(region, issue, start, end, step), cancellationToken);
        var predicted = forecaster.Predict(frame);
        var explanations = ForecastExplainer.Explain(forecaster, frame, predicted, region.TimeZone);
        var points = predicted
            .Select(f => new ForecastPoint(f.IntervalStart, f.IntervalEnd, f.PredictedMw, f.LowerMw, f.UpperMw, f.EventProbability))
            .ToList();
        var dataAsOf = await reader.LatestIntervalEndAsync(region.Id, region.Target.Series, issue, cancellationToken);
        var vintage = await forecasts.SaveForecastAsync(
            new ForecastVintage(0, region.Id, issue, time.GetUtcNow(), forecaster.Name, dataAsOf, points, explanations), cancellationToken);
        logger.LogInformation("Issued forecast {Id} for {Region} at {IssuedAt} with {Model} ({Points} intervals, active model {Version})",
            vintage.Id, region.Id, issue, forecaster.Name, points.Count, record?.Version ?? "none");
        return vintage;
    }
}
