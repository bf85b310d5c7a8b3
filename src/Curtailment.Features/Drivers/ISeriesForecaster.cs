namespace Curtailment.Features.Drivers;

/// <summary>
/// Extrapolates a regular series from its known past, for drivers no operator forecasts (demand where
/// no day-ahead load forecast is published) and as an ensemble member's input. Implemented in Models
/// (SSA); the feature builder only sees this contract.
/// </summary>
public interface ISeriesForecaster
{
    /// <summary>Name used in manifests and ablations (<c>ssa</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Forecasts the <paramref name="horizon"/> values that follow <paramref name="history"/> (one value per
    /// step, NaN where unknown). Returns null when the history is too short or too sparse to forecast.
    /// </summary>
    double[]? Forecast(ReadOnlySpan<double> history, int horizon);
}
