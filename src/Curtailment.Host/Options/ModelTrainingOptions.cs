using System.ComponentModel.DataAnnotations;
using Curtailment.Models.Trees;

namespace Curtailment.Host.Options;

/// <summary>Hyper-parameters the host's training (start-up and the retrain job) uses; defaults are the model's own.</summary>
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

    /// <summary>The options passed to the trainer.</summary>
    public CurtailmentModelOptions ToModelOptions() => new()
    {
        Trees = Trees,
        Leaves = Leaves,
        MinRowsPerLeaf = MinRowsPerLeaf,
        LearningRate = LearningRate,
    };
}
