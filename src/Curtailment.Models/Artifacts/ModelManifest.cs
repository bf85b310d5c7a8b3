using Curtailment.Models.Trees;

namespace Curtailment.Models.Artifacts;

/// <summary>What a model artifact is: written beside the ML.NET zip as <c>manifest.json</c>.</summary>
public sealed partial record ModelManifest
{
    /// <summary>Region id.</summary>
    public string Region { get; init; } = "";

    /// <summary>Model family (<c>fasttree</c>).</summary>
    public string Kind { get; init; } = "fasttree";

    /// <summary>Version label (<c>v12</c>, or a backtest's <c>bt-2021-03-07</c>).</summary>
    public string Version { get; init; } = "";

    /// <summary>Version of the feature list the model was trained on.</summary>
    public string FeatureSchemaVersion { get; init; } = "";

    /// <summary>Feature names in model order; a load checks them against the running code.</summary>
    public List<string> Features { get; init; } = [];

    /// <summary>First target day in training.</summary>
    public DateOnly TrainingFrom { get; init; }

    /// <summary>Last target day in training.</summary>
    public DateOnly TrainingTo { get; init; }

    /// <summary>Labelled rows used.</summary>
    public int TrainingRows { get; init; }

    /// <summary>The event threshold the classifier learned.</summary>
    public double EventThreshold { get; init; }

    /// <summary>Hyper-parameters.</summary>
    public CurtailmentModelOptions Options { get; init; } = new();

    /// <summary>Backtest metrics, when known (name to value).</summary>
    public Dictionary<string, double> Metrics { get; init; } = [];
}
