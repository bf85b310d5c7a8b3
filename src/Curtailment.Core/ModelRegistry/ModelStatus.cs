namespace Curtailment.Core.ModelRegistry;

/// <summary>Where a model version stands in the registry.</summary>
public enum ModelStatus
{
    /// <summary>Trained, not serving.</summary>
    Candidate,

    /// <summary>Serving its region (at most one per region).</summary>
    Active,

    /// <summary>Served before; kept for rollback and audit.</summary>
    Retired,
}
