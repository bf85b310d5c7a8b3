using Curtailment.Core.Regions;

namespace Curtailment.Models.Trees;

/// <summary>
/// The event classifier's calibration, fitted on the raw probabilities that forward-chained fits gave the held-out
/// blocks (never on rows the classifier saw); <see cref="CurtailmentModelOptions.Calibration"/> says which map applies.
/// </summary>
/// <param name="Method">The map applied.</param>
/// <param name="Platt">The logistic map (identity when it could not be fitted).</param>
/// <param name="Isotonic">The monotone step map; null when not asked for or when the held-out rows hold one class only.</param>
/// <param name="Stacking">The stacking over the classifier and the recent event history; null when not asked for or not fitted (Platt then applies, with the climatology share).</param>
public sealed record EventCalibration(CalibrationMethod Method, PlattCalibration Platt, IsotonicCalibration? Isotonic, EventStacking? Stacking = null)
{
    /// <summary>No change.</summary>
    public static EventCalibration Identity { get; } = new(CalibrationMethod.Platt, PlattCalibration.Identity, null);

    /// <summary>
    /// Fits the map the options ask for. Platt is fitted on equal rows; isotonic and the stacking's combination on the
    /// rows' recency <paramref name="weights"/>, since they follow the recent event rate wherever they have the rows to.
    /// The stacking also reads the held-out <paramref name="rows"/>' history features and fits its history stage on the
    /// last <see cref="EventStacking.HistoryDays"/> days of <paramref name="training"/> (without them: Platt instead).
    /// </summary>
    /// <param name="options">Which map.</param>
    /// <param name="rawProbabilities">The classifier's raw probabilities of the held-out rows.</param>
    /// <param name="outcomes">Whether each held-out row was an event.</param>
    /// <param name="weights">Each held-out row's recency weight.</param>
    /// <param name="rows">The held-out rows' (masked) features, for <see cref="CalibrationMethod.Stacked"/>.</param>
    /// <param name="target">The region's target (its event rule), for <see cref="CalibrationMethod.Stacked"/>.</param>
    /// <param name="training">The labelled training days, for <see cref="CalibrationMethod.Stacked"/>.</param>
    public static EventCalibration Fit(
        CurtailmentModelOptions options, IReadOnlyList<double> rawProbabilities, IReadOnlyList<bool> outcomes, IReadOnlyList<double> weights,
        IReadOnlyList<float[]>? rows = null, RegionTarget? target = null, TrainingSet? training = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Calibration switch
        {
            CalibrationMethod.Isotonic => new(CalibrationMethod.Isotonic, PlattCalibration.Identity, IsotonicCalibration.Fit(rawProbabilities, outcomes, weights)),
            CalibrationMethod.Stacked when rows is not null && target is not null && training is not null => new(
                CalibrationMethod.Stacked, PlattCalibration.Fit(rawProbabilities, outcomes), null, FitStacking(options, rawProbabilities, outcomes, weights, rows, target, training)),
            _ => new(CalibrationMethod.Platt, PlattCalibration.Fit(rawProbabilities, outcomes), null),
        };
    }

    private static EventStacking? FitStacking(
        CurtailmentModelOptions options, IReadOnlyList<double> rawProbabilities, IReadOnlyList<bool> outcomes, IReadOnlyList<double> weights,
        IReadOnlyList<float[]> rows, RegionTarget target, TrainingSet training)
    {
        var days = training.Days;
        var first = days.Count > EventStacking.HistoryDays ? days[^EventStacking.HistoryDays] : DateOnly.MinValue;
        var recent = Enumerable.Range(0, training.Count).Where(i => training.RowDays[i] >= first).ToList();
        return EventStacking.Fit(
            [.. recent.Select(i => CurtailmentModelTrainer.Mask(options, training.Features[i]))],
            [.. recent.Select(i => target.IsEvent(training.Labels[i]))],
            rawProbabilities,
            rows,
            outcomes,
            weights,
            target.EventThreshold,
            options.StackClassifier);
    }

    /// <summary>The calibrated probability of a raw classifier probability (the stacking, which needs the row, aside).</summary>
    public double Apply(double probability) => Method == CalibrationMethod.Isotonic && Isotonic is not null ? Isotonic.Apply(probability) : Platt.Apply(probability);

    /// <summary>
    /// The event probability of a row: the stacking where fitted; otherwise the calibrated probability blended with the
    /// row's 28-day event frequency by <paramref name="climatologyShare"/> (where the row knows one).
    /// </summary>
    /// <param name="probability">The classifier's raw probability.</param>
    /// <param name="row">The row's (masked) features.</param>
    /// <param name="threshold">The target's event threshold.</param>
    /// <param name="climatologyShare">The share of the fixed blend (<see cref="CurtailmentModelOptions.ClimatologyShare"/>).</param>
    public double Apply(double probability, float[] row, double threshold, double climatologyShare)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Method == CalibrationMethod.Stacked && Stacking is not null)
        {
            return Stacking.Apply(probability, row, threshold);
        }

        var calibrated = Apply(probability);
        return climatologyShare > 0 && row[DaysKnownIndex] > 0 ? ((1 - climatologyShare) * calibrated) + (climatologyShare * row[ClimatologyIndex]) : calibrated;
    }

    private static readonly int ClimatologyIndex = Features.FeatureSchema.IndexOf("hist_28d_event_freq");
    private static readonly int DaysKnownIndex = Features.FeatureSchema.IndexOf("hist_days_known");
}
