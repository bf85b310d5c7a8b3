using System.Text.Json.Serialization;

namespace Curtailment.Models.Trees;

/// <summary>How the event classifier's scores are mapped to probabilities on the held-out blocks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CalibrationMethod>))]
public enum CalibrationMethod
{
    /// <summary>A logistic map of the score's logit (<see cref="PlattCalibration"/>): two parameters, smooth.</summary>
    Platt,

    /// <summary>A monotone step map fitted by pooling adjacent violators (<see cref="IsotonicCalibration"/>): any monotone shape.</summary>
    Isotonic,

    /// <summary>
    /// A logistic over the score's logit and the target's recent event history at the clock time (<see cref="EventStacking"/>),
    /// fitted on the held-out blocks; it replaces the fixed <see cref="CurtailmentModelOptions.ClimatologyShare"/> mix.
    /// </summary>
    Stacked,
}
