using System.ComponentModel.DataAnnotations;
using Curtailment.Core.Regions;
using Curtailment.Features;
using Curtailment.Models.Trees;

namespace Curtailment.Pipelines.Training;

/// <summary>
/// Hyper-parameters every training uses (the host's start-up and retrain jobs, <c>curtail train</c>, backtests); the
/// defaults are the model's own.
/// </summary>
public sealed class ModelTrainingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Model";

    /// <summary>Boosted trees.</summary>
    [Range(1, 5000, ErrorMessage = "Curtailment:Model:Trees must be between 1 and 5000.")]
    public int Trees { get; set; } = new CurtailmentModelOptions().Trees;

    /// <summary>Leaves per tree.</summary>
    [Range(2, 1024, ErrorMessage = "Curtailment:Model:Leaves must be between 2 and 1024.")]
    public int Leaves { get; set; } = new CurtailmentModelOptions().Leaves;

    /// <summary>Minimum rows per leaf.</summary>
    [Range(1, 100_000, ErrorMessage = "Curtailment:Model:MinRowsPerLeaf must be between 1 and 100000.")]
    public int MinRowsPerLeaf { get; set; } = new CurtailmentModelOptions().MinRowsPerLeaf;

    /// <summary>Shrinkage.</summary>
    [Range(1e-6, 1, ErrorMessage = "Curtailment:Model:LearningRate must be in (0, 1].")]
    public double LearningRate { get; set; } = new CurtailmentModelOptions().LearningRate;

    /// <summary>Train on all the history the store holds, not the training window alone.</summary>
    public bool AllHistory { get; set; } = new CurtailmentModelOptions().AllHistory;

    /// <summary>Weight of training days near the target's day of year in earlier years, added to their recency weight.</summary>
    [Range(0, 100, ErrorMessage = "Curtailment:Model:SameSeasonShare must be between 0 and 100.")]
    public double SameSeasonShare { get; set; } = new CurtailmentModelOptions().SameSeasonShare;

    /// <summary>Days of the year from the target's at which the same-season weight halves.</summary>
    [Range(1, 183, ErrorMessage = "Curtailment:Model:SameSeasonHalfWidthDays must be between 1 and 183.")]
    public double SameSeasonHalfWidthDays { get; set; } = new CurtailmentModelOptions().SameSeasonHalfWidthDays;

    /// <summary>Where event probabilities come from; unset: the region's default (<see cref="CurtailmentModelOptions.For"/>).</summary>
    public ProbabilitySource? Probability { get; set; }

    /// <summary>With the classifier: the share of the probability that is the 28-day event frequency; unset: the region's default.</summary>
    [Range(0, 1, ErrorMessage = "Curtailment:Model:ClimatologyShare must be between 0 and 1.")]
    public double? ClimatologyShare { get; set; }

    /// <summary>How the event classifier is calibrated on the held-out blocks; unset: the region's default.</summary>
    public CalibrationMethod? Calibration { get; set; }

    /// <summary>With the stacked calibration: whether the classifier enters the event probability; unset: the region's default.</summary>
    public bool? StackClassifier { get; set; }

    /// <summary>The library of the point regression's trees; unset: the region's default.</summary>
    public TreeLearner? PointLearner { get; set; }

    /// <summary>The library of the event classifier's trees; unset: the region's default.</summary>
    public TreeLearner? ClassifierLearner { get; set; }

    /// <summary>Where the 80% intervals come from; unset: the region's default.</summary>
    public IntervalMethod? Intervals { get; set; }

    /// <summary>
    /// Let the model read the <c>timing</c> feature group (where the day-ahead net load bottoms out, the solar ramp, the
    /// last known days' onset and end of curtailment). Off: the group is built but masked, as an ablation masks it; it
    /// did not raise capture on most development ranges (docs/benchmarks.md, "Timing within the day").
    /// </summary>
    public bool TimingFeatures { get; set; }

    /// <summary>
    /// FastTree threads per retrain job; unset: one per core. Set 1 when a machine runs as many training jobs at once
    /// (worker processes times <c>Curtailment:Jobs:WorkerCount</c>) as it has cores (docs/deployment.md, "What to size").
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Curtailment:Model:Threads must be between 1 and 1024.")]
    public int? Threads { get; set; }

    /// <summary>The options passed to the trainer for a region: the region's defaults with these settings.</summary>
    public CurtailmentModelOptions ToModelOptions(Region region)
    {
        var defaults = CurtailmentModelOptions.For(region);
        return defaults with
        {
            Probability = Probability ?? defaults.Probability,
            ClimatologyShare = ClimatologyShare ?? defaults.ClimatologyShare,
            Calibration = Calibration ?? defaults.Calibration,
            StackClassifier = StackClassifier ?? defaults.StackClassifier,
            PointLearner = PointLearner ?? defaults.PointLearner,
            ClassifierLearner = ClassifierLearner ?? defaults.ClassifierLearner,
            Intervals = Intervals ?? defaults.Intervals,
            Trees = Trees,
            Leaves = Leaves,
            MinRowsPerLeaf = MinRowsPerLeaf,
            LearningRate = LearningRate,
            AllHistory = AllHistory,
            SameSeasonShare = SameSeasonShare,
            SameSeasonHalfWidthDays = SameSeasonHalfWidthDays,
            Threads = Threads,
            ExcludedFeatureGroups = TimingFeatures ? defaults.ExcludedFeatureGroups : [.. defaults.ExcludedFeatureGroups, FeatureSchema.TimingGroup],
        };
    }
}
