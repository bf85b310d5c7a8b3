namespace Curtailment.Core.ModelRegistry;

/// <summary>Versioned model artifacts per region, with one active version and a history for rollback.</summary>
public interface IModelStore
{
    /// <summary>
    /// Registers a new candidate. Its version is the next free <c>vN</c> of the region; <paramref name="build"/>
    /// receives it and returns the manifest and artifact that carry it.
    /// </summary>
    Task<ModelRecord> AddCandidateAsync(string region, string kind, Func<string, (string ManifestJson, byte[] Artifact)> build, CancellationToken cancellationToken);

    /// <summary>Every version of a region (or of all regions), newest first.</summary>
    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(string? region, CancellationToken cancellationToken);

    /// <summary>A model by id, or null.</summary>
    Task<ModelRecord?> FindModelAsync(long id, CancellationToken cancellationToken);

    /// <summary>The active model of a region, or null.</summary>
    Task<ModelRecord?> ActiveModelAsync(string region, CancellationToken cancellationToken);

    /// <summary>The artifact bytes of a model.</summary>
    Task<byte[]> ReadArtifactAsync(long id, CancellationToken cancellationToken);

    /// <summary>Makes a model the active one of its region (the previous active one is retired), atomically.</summary>
    Task<ModelRecord> ActivateAsync(long id, CancellationToken cancellationToken);

    /// <summary>Re-activates the most recently retired model of a region; null when there is none to go back to.</summary>
    Task<ModelRecord?> RollbackAsync(string region, CancellationToken cancellationToken);
}
