using Curtailment.Features;

namespace Curtailment.Models.Forecasting;

/// <summary>Anything that turns the features of target intervals into forecasts: baselines and trained models alike.</summary>
public interface ICurtailmentForecaster
{
    /// <summary>Name written in forecasts (<c>week_profile</c>, <c>fasttree@v3</c>).</summary>
    string Name { get; }

    /// <summary>One forecast per row of <paramref name="features"/>, in row order.</summary>
    IReadOnlyList<IntervalForecast> Predict(FeatureFrame features);
}
