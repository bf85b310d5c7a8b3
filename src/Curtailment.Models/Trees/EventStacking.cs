using Curtailment.Features;

namespace Curtailment.Models.Trees;

/// <summary>
/// The event probability in two logistic stages. The history stage reads the target's own recent event history at the
/// clock time (as-of features every training row has) and is fitted on the last <see cref="HistoryDays"/> training days:
/// a frequent event's level drifts with the season, and a handful of weights fitted on a season of rows says how far
/// to trust each history statistic. The combination stage mixes that history probability with the classifier's, fitted
/// on the held-out blocks (the only rows the classifier did not see), recent days weighted more: three weights, so
/// a few weeks of rows are enough, and the classifier gets the weight it earned lately instead of a fixed share.
/// </summary>
/// <param name="History">Intercept, then one weight per input of <see cref="HistoryInputs"/>, in its order.</param>
/// <param name="Weights">Intercept, the weight of the history stage's logit, the weight of the classifier's logit.</param>
public sealed record EventStacking(double[] History, double[] Weights)
{
    /// <summary>Training days the history stage is fitted on (the last ones).</summary>
    public const int HistoryDays = 91;

    /// <summary>Probabilities never reach 0 or 1: a logit of either would be infinite.</summary>
    private const double Floor = 1e-4;

    /// <summary>Names of the history stage's inputs, in <see cref="HistoryInputs"/>'s order.</summary>
    public static IReadOnlyList<string> HistoryInputNames { get; } =
        ["logit_28d_event_freq", "logit_7d_event_freq", "last_day_event", "recent_24h_level", "week_level_pm1h", "recent_6h_level", "last_day_level", "weekend_or_holiday"];

    private static readonly int Freq28Index = FeatureSchema.IndexOf("hist_28d_event_freq");
    private static readonly int Freq7Index = FeatureSchema.IndexOf("hist_7d_event_freq");
    private static readonly int KnownIndex = FeatureSchema.IndexOf("hist_days_known");
    private static readonly int LastDayIndex = FeatureSchema.IndexOf("hist_last_day");
    private static readonly int Recent24Index = FeatureSchema.IndexOf("hist_recent_24h_mean");
    private static readonly int WeekWideIndex = FeatureSchema.IndexOf("hist_7d_mean_pm1h");
    private static readonly int Recent6Index = FeatureSchema.IndexOf("hist_recent_6h_mean");
    private static readonly int LastDayTotalIndex = FeatureSchema.IndexOf("hist_last_day_total");
    private static readonly int WeekendIndex = FeatureSchema.IndexOf("is_weekend");
    private static readonly int HolidayIndex = FeatureSchema.IndexOf("is_holiday");

    /// <summary>
    /// The history stage's inputs of one row, from its history features (all known at the issue): the 28- and 7-day
    /// event frequencies at the clock time (smoothed towards one half by their day counts, so a logit exists), whether
    /// the last known day had the event then, and the target's level over the last known 24 and 6 hours, around the
    /// clock time over 7 days and over the whole last known day, each as a share of twice the threshold, capped at 1
    /// (for a share whose event is "one half or more", the share itself), and whether the day is a weekend or holiday. The
    /// hours just before the issue tell a regime (a windy, sunny spell) that the same-clock-time frequencies average
    /// away; the frequencies mix five working days with two days of low demand, which the day's kind separates.
    /// </summary>
    /// <param name="row">The row's features (<see cref="FeatureSchema"/> order).</param>
    /// <param name="threshold">The event threshold of the target (an event is a value at or above it).</param>
    public static double[] HistoryInputs(float[] row, double threshold)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != FeatureSchema.Names.Count)
        {
            throw new ArgumentException($"A row has {FeatureSchema.Names.Count} features, not {row.Length}.", nameof(row));
        }

        var known = Math.Max(0, row[KnownIndex]);
        var scale = threshold > 0 ? 2 * threshold : 1;
        return
        [
            Logit(Smoothed(row[Freq28Index], Math.Min(known, 28))),
            Logit(Smoothed(row[Freq7Index], Math.Min(known, 7))),
            known > 0 && row[LastDayIndex] >= threshold ? 1 : 0,
            Math.Clamp(row[Recent24Index] / scale, 0, 1),
            known > 0 ? Math.Clamp(row[WeekWideIndex] / scale, 0, 1) : 0,
            Math.Clamp(row[Recent6Index] / scale, 0, 1),
            known > 0 ? Math.Clamp(row[LastDayTotalIndex] / (24 * scale), 0, 1) : 0,
            row[WeekendIndex] > 0 || row[HolidayIndex] > 0 ? 1 : 0,
        ];
    }

    /// <summary>
    /// Fits both stages: the history stage on <paramref name="historyRows"/> (equal weights), then the combination on
    /// the held-out <paramref name="rows"/> with the classifier's raw probabilities and the rows' recency
    /// <paramref name="weights"/>. Null when either set holds one outcome class only or a fit gives non-finite weights.
    /// </summary>
    /// <param name="historyRows">The (masked) features of the last training days' rows.</param>
    /// <param name="historyOutcomes">Whether each of those rows was an event.</param>
    /// <param name="classifierProbabilities">The classifier's raw probabilities of the held-out rows.</param>
    /// <param name="rows">The held-out rows' (masked) features.</param>
    /// <param name="outcomes">Whether each held-out row was an event.</param>
    /// <param name="weights">Each held-out row's weight (null: equal).</param>
    /// <param name="threshold">The target's event threshold.</param>
    /// <param name="useClassifier">False: no combination stage, the history stage is the probability (<see cref="CurtailmentModelOptions.StackClassifier"/>).</param>
    public static EventStacking? Fit(
        IReadOnlyList<float[]> historyRows, IReadOnlyList<bool> historyOutcomes, IReadOnlyList<double> classifierProbabilities,
        IReadOnlyList<float[]> rows, IReadOnlyList<bool> outcomes, IReadOnlyList<double>? weights, double threshold, bool useClassifier = true)
    {
        ArgumentNullException.ThrowIfNull(historyRows);
        ArgumentNullException.ThrowIfNull(classifierProbabilities);
        ArgumentNullException.ThrowIfNull(rows);
        if (classifierProbabilities.Count != rows.Count)
        {
            throw new ArgumentException($"{classifierProbabilities.Count} probabilities for {rows.Count} rows.", nameof(classifierProbabilities));
        }

        var history = FitWeights([.. historyRows.Select(r => HistoryInputs(r, threshold))], historyOutcomes);
        if (history is null)
        {
            return null;
        }

        var stage = new EventStacking(history, [0, 1, 0]);
        if (!useClassifier)
        {
            return stage;
        }

        var combination = FitWeights([.. rows.Select((r, i) => stage.CombinationInputs(classifierProbabilities[i], r, threshold))], outcomes, weights);
        return combination is null ? null : new EventStacking(history, combination);
    }

    /// <summary>
    /// A logistic regression (<see cref="RidgeLogistic"/>): the weights (intercept first) on the weighted, ridge-penalised log
    /// loss; null when the rows hold one outcome class only or the fit does not end in finite weights.
    /// </summary>
    /// <param name="inputs">Each row's inputs (the same count for every row).</param>
    /// <param name="outcomes">Whether each row was an event.</param>
    /// <param name="weights">Row weights (null: equal).</param>
    public static double[]? FitWeights(IReadOnlyList<double[]> inputs, IReadOnlyList<bool> outcomes, IReadOnlyList<double>? weights = null) =>
        RidgeLogistic.Fit(inputs, outcomes, weights);

    /// <summary>
    /// Whether this stacking was fitted on the history inputs this build reads (<see cref="HistoryInputNames"/>); a saved
    /// model fitted on another list is refused at load rather than failing at its first forecast.
    /// </summary>
    public bool ReadsTheseHistoryInputs => History.Length == HistoryInputNames.Count + 1;

    /// <summary>The history stage's probability of a row, kept within [1e-4, 1 - 1e-4].</summary>
    public double HistoryProbability(float[] row, double threshold) => Logistic(History, HistoryInputs(row, threshold));

    /// <summary>The event probability of a row given the classifier's raw probability, kept within [1e-4, 1 - 1e-4].</summary>
    public double Apply(double classifierProbability, float[] row, double threshold) => Logistic(Weights, CombinationInputs(classifierProbability, row, threshold));

    private double[] CombinationInputs(double classifierProbability, float[] row, double threshold) =>
        [Logit(HistoryProbability(row, threshold)), Logit(classifierProbability)];

    private static double Logistic(double[] weights, double[] inputs)
    {
        if (inputs.Length != weights.Length - 1)
        {
            throw new InvalidOperationException($"The stacking has {weights.Length - 1} weights for {inputs.Length} inputs.");
        }

        var z = weights[0];
        for (var j = 0; j < inputs.Length; j++)
        {
            z += weights[j + 1] * inputs[j];
        }

        return Math.Clamp(RidgeLogistic.Sigmoid(z), Floor, 1 - Floor);
    }

    private static double Smoothed(float frequency, float days) => ((Math.Clamp(frequency, 0, 1) * days) + 0.5) / (days + 1);

    private static double Logit(double p)
    {
        var clamped = Math.Clamp(double.IsNaN(p) ? 0.5 : p, Floor, 1 - Floor);
        return Math.Log(clamped / (1 - clamped));
    }
}
