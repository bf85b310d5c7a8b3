using System.Text.Json.Serialization;

namespace Curtailment.Models.Trees;

/// <summary>Where the 80% intervals come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntervalMethod>))]
public enum IntervalMethod
{
    /// <summary>Split-conformal residual quantiles of the held-out blocks per band of forecast MW (<see cref="ResidualIntervals"/>).</summary>
    Conformal,

    /// <summary>
    /// Conditional quantiles from a quantile regression forest (<see cref="QuantileForest"/>) of the held-out
    /// residuals on the features: the width follows the row, not only its forecast MW.
    /// </summary>
    QuantileForest,
}
