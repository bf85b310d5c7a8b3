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
}
