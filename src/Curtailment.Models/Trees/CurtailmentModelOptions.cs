namespace Curtailment.Models.Trees;

/// <summary>Hyper-parameters of the gradient-boosted curtailment model; written to the manifest.</summary>
public sealed record CurtailmentModelOptions
{
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
    public ProbabilitySource Probability { get; init; } = ProbabilitySource.Residuals;

    /// <summary>Number of boosted trees.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree.</summary>
    public int Leaves { get; init; } = 24;

    /// <summary>Minimum rows in a leaf.</summary>
    public int MinRowsPerLeaf { get; init; } = 40;

    /// <summary>Shrinkage.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Half-life of the recency weight of training days, in days (older days count less).</summary>
    public double RecencyHalfLifeDays { get; init; } = 45;

    /// <summary>Days held out at the end of the training range to fit intervals and probability calibration.</summary>
    public int CalibrationDays { get; init; } = 14;
}
