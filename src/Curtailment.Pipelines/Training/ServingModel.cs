using Curtailment.Models.Artifacts;
using Curtailment.Models.Baselines;
using Curtailment.Models.Forecasting;

namespace Curtailment.Pipelines.Training;

/// <summary>The model serving a region at some instant, as the promotion gate sees it.</summary>
/// <param name="Forecaster">The forecaster (the week-profile baseline when no model is trained).</param>
/// <param name="Manifest">Its manifest; null for the baseline.</param>
/// <param name="Version">Its registry version, for the gate's reason; null for the baseline.</param>
public sealed record ServingModel(ICurtailmentForecaster Forecaster, ModelManifest? Manifest, string? Version)
{
    /// <summary>No trained model: the week profile serves.</summary>
    public static ServingModel Baseline { get; } = new(BaselineForecaster.WeekProfile, null, null);
}
