using System.Text.Json.Serialization;

namespace Curtailment.Models.Trees;

/// <summary>The gradient-boosting library that fits a model's trees (the point regression or the event classifier).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TreeLearner>))]
public enum TreeLearner
{
    /// <summary>ML.NET's FastTree (MART).</summary>
    FastTree,

    /// <summary>LightGBM through <c>Microsoft.ML.LightGbm</c> (leaf-wise growth, histogram splits).</summary>
    LightGbm,
}
