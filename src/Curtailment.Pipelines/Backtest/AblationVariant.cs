using Curtailment.Features;
using Curtailment.Models.Trees;

namespace Curtailment.Pipelines.Backtest;

/// <summary>One model choice of an ablation run: a name, what it changes, and the options it runs with.</summary>
/// <param name="Name">Short id (also the output sub-folder).</param>
/// <param name="Description">What differs from the full model.</param>
/// <param name="Options">Model options of the variant.</param>
public sealed record AblationVariant(string Name, string Description, CurtailmentModelOptions Options)
{
    /// <summary>The full model and one change at a time: feature groups left out and model choices switched.</summary>
    public static IReadOnlyList<AblationVariant> Standard(CurtailmentModelOptions full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return
        [
            new("full", "defaults (best configuration)", full),
            new("no_dayahead_forecasts", "without operator day-ahead demand, solar and wind forecasts (demand, renewables, week_change groups)", full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "demand", "renewables", "week_change"] }),
            new("no_history", "without target history (week profile is then 0: absolute target, no baseline in the blend)", full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "history"] }),
            new("no_ssa", "without SSA: 7-day demand profile where no operator demand forecast, no ssa_target_fc", full with { UseSeriesForecaster = false, ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "ssa"] }),
            new("no_recent_supply", "without the 24 h Today's Outlook supply features", full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "supply"] }),
            new("no_season", "without the day of year (the season)", full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "season"] }),
            new("no_transmission", "without the transmission group (boundary headroom and limits of the last known days)", full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "transmission"] }),
            TimingVariant(full),
            new("no_week_change", "day-level model without the day-ahead drivers against the week (weekend or holiday only)", full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, "week_change"] }),
            new("no_day_level", "trees alone set each day's level (no day-level model)", full with { DayLevelShare = 0 }),
            new("no_solar_shape", "no part of a day's forecast follows the shape of the day-ahead solar forecast", full with { SolarShapeShare = 0 }),
            new("absolute_target", "log1p(MW) instead of log1p(MW) relative to the week profile", full with { RelativeToWeekProfile = false }),
            new("no_blend", "trees alone, no stacking with the week profile", full with { BlendWithBaseline = false }),
            new("residual_probability", "p_event from residual quantiles only (no logistic event model)", full with { Probability = ProbabilitySource.Residuals }),
            full.Probability == ProbabilitySource.Classifier
                ? new("logistic_probability", "p_event from the logistic event model over the point forecast instead of the classifier", full with { Probability = ProbabilitySource.Logistic })
                : new("classifier_probability", "p_event from a FastTree classifier with Platt scaling instead of the logistic event model", full with { Probability = ProbabilitySource.Classifier }),
            new("no_climatology", "with the classifier: its Platt-calibrated probability alone, neither blended nor stacked with the event history", full with { ClimatologyShare = 0, Calibration = full.Calibration == CalibrationMethod.Stacked ? CalibrationMethod.Platt : full.Calibration }),
            StackingVariant(full),
            .. full is { Probability: ProbabilitySource.Classifier, Calibration: CalibrationMethod.Stacked }
                ? [new AblationVariant(full.StackClassifier ? "history_stage_only" : "stack_classifier", full.StackClassifier ? "stacking without the classifier: the history stage alone" : "stacking with the classifier: its weight against the history stage fitted on the held-out blocks", full with { StackClassifier = !full.StackClassifier })]
                : Array.Empty<AblationVariant>(),
            new("isotonic_classifier", "p_event from a FastTree classifier, isotonic calibration on the held-out blocks, no climatology", full with { Probability = ProbabilitySource.Classifier, ClimatologyShare = 0, Calibration = CalibrationMethod.Isotonic }),
            new("lightgbm_classifier", "p_event from a LightGBM classifier, isotonic calibration on the held-out blocks, no climatology", full with { Probability = ProbabilitySource.Classifier, ClimatologyShare = 0, Calibration = CalibrationMethod.Isotonic, ClassifierLearner = TreeLearner.LightGbm }),
            new("lightgbm_point", "the point regression's trees by LightGBM instead of FastTree", full with { PointLearner = TreeLearner.LightGbm }),
            new("quantile_forest_intervals", "80% intervals from a quantile regression forest of the held-out residuals instead of banded residual quantiles", full with { Intervals = IntervalMethod.QuantileForest }),
            new("one_holdout_block", "blend, intervals and probabilities fitted on one held-out block of 14 days", full with { HoldoutBlocks = 1 }),
            new("all_history_season", "trained on all the history held, earlier years weighted by closeness to the target's day of year (share 0.25)", full with { AllHistory = true, SameSeasonShare = 0.25 }),
            new("all_rows", "every 5-minute row in training (no 15-minute stride, no night subsampling)", full with { TrainingStrideMinutes = 0, NightZeroRowsKeptEvery = 1 }),
        ];
    }

    /// <summary>
    /// The classifier's stacking with the event history switched: the fixed climatology blend where the full model
    /// stacks, the stacked classifier where it does not.
    /// </summary>
    private static AblationVariant StackingVariant(CurtailmentModelOptions full) => full is { Probability: ProbabilitySource.Classifier, Calibration: CalibrationMethod.Stacked }
        ? new("fixed_climatology_blend", "with the classifier: Platt-calibrated, blended with the 28-day event frequency by the fixed climatology share instead of the stacking", full with { Calibration = CalibrationMethod.Platt })
        : new("stacked_classifier", "p_event from a FastTree classifier stacked with the event's recent history at the clock time (fitted on the held-out blocks)", full with { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked });

    /// <summary>The timing group switched: left out where the full model reads it, let in where the full model masks it.</summary>
    private static AblationVariant TimingVariant(CurtailmentModelOptions full)
    {
        const string what = "the timing group (where the day-ahead net load bottoms out, the solar ramp, the last known days' onset and end of curtailment)";
        var timing = FeatureSchema.TimingGroup;
        return full.ExcludedFeatureGroups.Contains(timing)
            ? new("with_timing", "with " + what, full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups.Where(g => g != timing)] })
            : new("no_timing", "without " + what, full with { ExcludedFeatureGroups = [.. full.ExcludedFeatureGroups, timing] });
    }
}
