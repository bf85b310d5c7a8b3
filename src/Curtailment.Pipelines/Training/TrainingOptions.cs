using System.ComponentModel.DataAnnotations;

namespace Curtailment.Pipelines.Training;

/// <summary>Training and promotion settings.</summary>
public sealed class TrainingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Training";

    /// <summary>Days of history a model is trained on.</summary>
    [Range(14, 3650)]
    public int WindowDays { get; set; } = 365;

    /// <summary>Most recent labelled days on which a candidate is compared with the active model.</summary>
    [Range(7, 120)]
    public int EvaluationDays { get; set; } = 28;

    /// <summary>A candidate is activated when its MAE is at most the active model's times (1 + tolerance).</summary>
    [Range(0, 1)]
    public double PromotionTolerance { get; set; } = 0.02;
}
