namespace Curtailment.Models.Trees;

/// <summary>How the regression sees the target.</summary>
public enum TargetTransform
{
    /// <summary>MW as they are (squared loss chases the rare large values).</summary>
    None,

    /// <summary>log(1 + MW): tames the heavy tail; predictions are mapped back with exp - 1.</summary>
    Log1P,

    /// <summary>Tweedie loss on MW: a point mass at zero plus a skewed positive part.</summary>
    Tweedie,
}
