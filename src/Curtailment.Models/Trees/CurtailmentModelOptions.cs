using System.Text.Json.Serialization;
using Curtailment.Core.Regions;

namespace Curtailment.Models.Trees;

/// <summary>Hyper-parameters of the gradient-boosted curtailment model; written to the manifest.</summary>
public sealed record CurtailmentModelOptions
{
    /// <summary>
    /// The defaults for a region. A proxy target (a frequent event such as a negative price, not MW) takes its event
    /// probability from the direct classifier: the logistic layer reads the point forecast's distance to an MW
    /// threshold, which a share of the interval does not have (ADR 0007). Its event probability is the stacking's
    /// history stage (<see cref="CalibrationMethod.Stacked"/> without <see cref="StackClassifier"/>): a logistic over the
    /// event's own recent history, which ranked the intervals of every development range at least as well as the
    /// climatology, where the classifier mixes did worse in the second half of the year.
    /// </summary>
    public static CurtailmentModelOptions For(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.Target.IsProxy
            ? new CurtailmentModelOptions { Probability = ProbabilitySource.Classifier, Calibration = CalibrationMethod.Stacked, StackClassifier = false }
            : new CurtailmentModelOptions();
    }

    /// <summary>Seed of every random choice: the same inputs give the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Transform of the MW target.</summary>
    public TargetTransform Transform { get; init; } = TargetTransform.Log1P;

    /// <summary>
    /// Learn log(1 + MW) relative to the week-profile baseline instead of absolute: the baseline carries
    /// the level (which shifts from season to season), the trees learn when to depart from it.
    /// </summary>
    public bool RelativeToWeekProfile { get; init; } = true;

    /// <summary>Where event probabilities come from.</summary>
    public ProbabilitySource Probability { get; init; } = ProbabilitySource.Logistic;

    /// <summary>
    /// With <see cref="ProbabilitySource.Classifier"/>: the share of the event probability that is the recent
    /// climatology at that clock time (<c>hist_28d_event_freq</c>, the frequency over the last 28 known days), the rest
    /// being the calibrated classifier. The classifier ranks days the climatology cannot tell apart; the climatology
    /// holds the level where a frequent event's season drifts faster than the classifier's training window follows.
    /// Not read with <see cref="CalibrationMethod.Stacked"/>, which fits that mix on the held-out blocks instead.
    /// </summary>
    public double ClimatologyShare { get; init; } = 0.5;

    /// <summary>
    /// How the event classifier's raw probabilities are calibrated on the held-out blocks (with
    /// <see cref="ProbabilitySource.Classifier"/>).
    /// </summary>
    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.Platt;

    /// <summary>
    /// With <see cref="CalibrationMethod.Stacked"/>: whether the classifier enters the event probability (its weight
    /// against the history stage fitted on the held-out blocks). False: the history stage alone, which for a frequent
    /// event whose drivers (weather) the features do not hold ranked the intervals better than the classifier mix did.
    /// </summary>
    public bool StackClassifier { get; init; } = true;

    /// <summary>The library that fits the point regression's trees.</summary>
    public TreeLearner PointLearner { get; init; } = TreeLearner.FastTree;

    /// <summary>The library that fits the event classifier's trees (when a classifier is used).</summary>
    public TreeLearner ClassifierLearner { get; init; } = TreeLearner.FastTree;

    /// <summary>Where the 80% intervals come from.</summary>
    public IntervalMethod Intervals { get; init; } = IntervalMethod.Conformal;

    /// <summary>Number of boosted trees.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree.</summary>
    public int Leaves { get; init; } = 24;

    /// <summary>Minimum rows in a leaf.</summary>
    public int MinRowsPerLeaf { get; init; } = 50;

    /// <summary>Shrinkage.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Half-life of the recency weight of training days, in days (older days count less).</summary>
    public double RecencyHalfLifeDays { get; init; } = 45;

    /// <summary>
    /// Rows whose weight is below that of a row this many recency half-lives old are left out of a fit (0: none):
    /// at 4 half-lives their weight is under 1/16, so they barely move the trees but would lengthen every fit of a
    /// year-long training window.
    /// </summary>
    public double MaxRowAgeHalfLives { get; init; } = 4;

    /// <summary>
    /// Train on every day the store holds before the training time, not only the caller's window (a year): the
    /// earlier years, hourly or not, then reach the model through <see cref="SameSeasonShare"/>.
    /// </summary>
    public bool AllHistory { get; init; }

    /// <summary>
    /// Weight of a training day on the target's day of year in any earlier year, added to its recency weight (0:
    /// recency alone). A season the recent months never covered is then learnt from the years that did.
    /// </summary>
    public double SameSeasonShare { get; init; }

    /// <summary>Half-width, in days of the year, of the same-season weight: a day this far from the target's day of year counts half.</summary>
    public double SameSeasonHalfWidthDays { get; init; } = 21;

    /// <summary>
    /// Blocks of <see cref="CalibrationDays"/> days at the end of the training range whose out-of-sample
    /// predictions (each block forecast by a fit on the days before it) fit the blend, the intervals and
    /// the event probabilities. More blocks: more events to calibrate on, one more fit each.
    /// </summary>
    public int HoldoutBlocks { get; init; } = 3;

    /// <summary>
    /// Half-life, in days, of the weight of out-of-sample rows when the blend and the event model are
    /// fitted (0: equal weights): recent errors say more about the next week than errors of a season ago.
    /// </summary>
    public double CalibrationHalfLifeDays { get; init; } = 14;

    /// <summary>Days in each held-out block (see <see cref="HoldoutBlocks"/>).</summary>
    public int CalibrationDays { get; init; } = 14;

    /// <summary>
    /// The 80% intervals are the residual quantiles of this many most recent out-of-sample days (0: all),
    /// so their width follows the current level of error rather than a season ago.
    /// </summary>
    public int IntervalDays { get; init; } = 28;

    /// <summary>
    /// How far each day's forecast level moves from the trees' towards the day-level model's (<see cref="DayLevelModel"/>),
    /// in log terms: 0 keeps the trees' level, 1 takes the day-level model's, 0.5 their geometric mean.
    /// </summary>
    public double DayLevelShare { get; init; } = 0.75;

    /// <summary>
    /// Share of each day's forecast energy redistributed along the shape of the day-ahead solar forecast
    /// (<see cref="SolarShape"/>, kept where it helps on the held-out days); 0 turns the step off.
    /// </summary>
    public double SolarShapeShare { get; init; } = 0.5;

    /// <summary>Exponent the solar forecast is raised to for <see cref="SolarShapeShare"/>: a sharper midday peak.</summary>
    public double SolarShapeExponent { get; init; } = 4;

    /// <summary>Half-life, in days, of the weight of training days in the day-level model.</summary>
    public double DayLevelHalfLifeDays { get; init; } = 60;

    /// <summary>Stack the trees with the week-profile baseline, weights fitted on the held-out days (<see cref="PointBlend"/>).</summary>
    public bool BlendWithBaseline { get; init; } = true;

    /// <summary>
    /// Train on one row per this many minutes of each day (rotating with the day so every clock time
    /// is seen), each weighted by the rows it stands for. Adjacent 5-minute rows carry nearly the same
    /// features and labels, so a 15-minute stride fits on a third of the rows and loses little.
    /// 0 or the target step keeps every row.
    /// </summary>
    public int TrainingStrideMinutes { get; init; } = 15;

    /// <summary>
    /// Keep one in this many night rows (sun below the horizon) whose target and week profile are both
    /// zero, weighted up to match; they teach the trees little beyond "night is zero".
    /// </summary>
    public int NightZeroRowsKeptEvery { get; init; } = 3;

    /// <summary>
    /// Build the features with the series forecaster (SSA): demand extrapolated from its own history where
    /// the operator publishes no forecast, and the target's extrapolation (<c>ssa</c> group). False builds
    /// the 7-day same-clock-time demand profile instead and leaves the <c>ssa</c> features at zero. Features
    /// are built, not masked, so serving must build them the same way (the manifest records it).
    /// </summary>
    public bool UseSeriesForecaster { get; init; } = true;

    /// <summary>Feature groups (<see cref="Features.FeatureSchema.GroupOf"/>) the model must not use (ablations): their values are zeroed.</summary>
    public IReadOnlyList<string> ExcludedFeatureGroups { get; init; } = [];

    /// <summary>
    /// Threads FastTree may use for one training; null: one per core (FastTree's default). A sizing setting, not a
    /// hyper-parameter: FastTree gives each thread whole features, so the model is the same whatever the count, and
    /// the manifest leaves it out. One thread per training lets several trainings (worker processes) share the
    /// cores without each one's threads competing with the others'.
    /// </summary>
    [JsonIgnore]
    public int? Threads { get; init; }
}
