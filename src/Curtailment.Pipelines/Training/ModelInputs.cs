using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Trees;
using Microsoft.Extensions.Options;

namespace Curtailment.Pipelines.Training;

/// <summary>
/// The one definition of what a region's model is fed: the model options, the target step and the feature
/// builder. Training, backtests and forecasts (host and CLI alike) ask it, so the model a backtest measures is
/// the model the service trains and serves.
/// </summary>
/// <param name="features">The composed feature builder, with its series forecasters (SSA).</param>
/// <param name="settings">The configured hyper-parameters (<c>Curtailment:Model</c>).</param>
public sealed class ModelInputs(FeatureBuilder features, IOptions<ModelTrainingOptions> settings)
{
    /// <summary>How far before the latest known target value the target's step is read.</summary>
    public const int TargetStepLookbackDays = 60;

    /// <summary>How far back a training over all history (<see cref="CurtailmentModelOptions.AllHistory"/>) looks: the years a deployment may hold.</summary>
    public const int AllHistoryDays = 20 * 366;

    /// <summary>
    /// The days of history a training with <paramref name="options"/> looks back: the caller's window
    /// (<paramref name="windowDays"/>), or all the history held. Days without target values cost nothing.
    /// </summary>
    public static int WindowDays(CurtailmentModelOptions options, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AllHistory ? Math.Max(windowDays, AllHistoryDays) : windowDays;
    }

    /// <summary>The options a region's model is trained with: the region's defaults with the configured hyper-parameters.</summary>
    public CurtailmentModelOptions OptionsFor(Region region) => settings.Value.ToModelOptions(region);

    /// <summary>
    /// The feature builder over <paramref name="reader"/> for a model trained with <paramref name="options"/>:
    /// with the series forecasters (SSA) or with the demand profile alone.
    /// </summary>
    public FeatureBuilder BuilderFor(IObservationReader reader, CurtailmentModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSeriesForecaster ? features.WithReader(reader) : new FeatureBuilder(reader);
    }

    /// <summary>
    /// The target's step as known at <paramref name="asOf"/>: the most common interval length over the
    /// <see cref="TargetStepLookbackDays"/> days before the latest known target value (a region that changed from
    /// hourly to 5-minute data is forecast at 5 minutes), or null when nothing is known yet.
    /// </summary>
    public static async Task<TimeSpan?> KnownTargetStepAsync(IObservationReader reader, Region region, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(region);
        if (await reader.LatestIntervalEndAsync(region.Id, region.Target.Series, asOf, cancellationToken) is not { } latest)
        {
            return null;
        }

        var recent = await reader.ReadAsync(
            new ObservationQuery(region.Id, region.Target.Series, latest.AddDays(-TargetStepLookbackDays), latest, asOf), cancellationToken);
        return recent.Count > 0 ? MostCommonStep(recent) : null;
    }

    /// <summary>The most common interval length of some observations (the shorter on a tie): what "the target's step" means.</summary>
    public static TimeSpan MostCommonStep(IEnumerable<Observation> observations) =>
        observations.GroupBy(o => o.Duration).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    /// <summary>The target's step as known at <paramref name="asOf"/>, or the region's native resolution when nothing is known.</summary>
    public static async Task<TimeSpan> TargetStepAsync(IObservationReader reader, Region region, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        await KnownTargetStepAsync(reader, region, asOf, cancellationToken) ?? region.NativeResolution;
}
