namespace Curtailment.Core.ModelRegistry;

/// <summary>A model version in the registry (the artifact bytes are read separately).</summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="Region">Region id.</param>
/// <param name="Kind">Model family (<c>fasttree</c>).</param>
/// <param name="Version">Version label, unique per region (<c>v3</c>).</param>
/// <param name="Status">Candidate, active or retired.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="ActivatedAt">When it last became active (UTC), or null.</param>
/// <param name="ManifestJson">The artifact's manifest (features, training range, hyper-parameters, metrics).</param>
public sealed record ModelRecord(
    long Id,
    string Region,
    string Kind,
    string Version,
    ModelStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    string ManifestJson)
{
    /// <summary>The identity forecasts of this model carry (<c>fasttree@v3</c>).</summary>
    public ModelVersion ToModelVersion() => new(Kind, Version);
}
