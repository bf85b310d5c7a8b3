namespace Curtailment.Core.Time;

/// <summary>Which occurrence of a repeated (fall-back) wall-clock time is meant.</summary>
public enum AmbiguousTime
{
    /// <summary>The first occurrence, still on daylight time.</summary>
    Earlier,

    /// <summary>The second occurrence, on standard time.</summary>
    Later,
}
