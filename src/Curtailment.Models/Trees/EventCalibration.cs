namespace Curtailment.Models.Trees;

/// <summary>
/// The event classifier's calibration, fitted on the raw probabilities that forward-chained fits gave the held-out
/// blocks (never on rows the classifier saw); <see cref="CurtailmentModelOptions.Calibration"/> says which map applies.
/// </summary>
/// <param name="Method">The map applied.</param>
/// <param name="Platt">The logistic map (identity when it could not be fitted).</param>
/// <param name="Isotonic">The monotone step map; null when not asked for or when the held-out rows hold one class only.</param>
public sealed record EventCalibration(CalibrationMethod Method, PlattCalibration Platt, IsotonicCalibration? Isotonic)
{
    /// <summary>No change.</summary>
    public static EventCalibration Identity { get; } = new(CalibrationMethod.Platt, PlattCalibration.Identity, null);

    /// <summary>
    /// Fits the map the options ask for. Platt is fitted on equal rows; isotonic on the rows' recency
    /// <paramref name="weights"/>, since its steps follow the recent event rate wherever it has the rows to.
    /// </summary>
    public static EventCalibration Fit(CurtailmentModelOptions options, IReadOnlyList<double> rawProbabilities, IReadOnlyList<bool> outcomes, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Calibration switch
        {
            CalibrationMethod.Isotonic => new(CalibrationMethod.Isotonic, PlattCalibration.Identity, IsotonicCalibration.Fit(rawProbabilities, outcomes, weights)),
            _ => new(CalibrationMethod.Platt, PlattCalibration.Fit(rawProbabilities, outcomes), null),
        };
    }

    /// <summary>The calibrated probability of a raw classifier probability.</summary>
    public double Apply(double probability) => Method == CalibrationMethod.Isotonic && Isotonic is not null ? Isotonic.Apply(probability) : Platt.Apply(probability);
}
