namespace Curtailment.Core.Ingest;

/// <summary>Outcome of an ingest run.</summary>
public enum IngestRunStatus
{
    /// <summary>The file was stored (possibly with rejected rows).</summary>
    Succeeded,

    /// <summary>The file failed as a whole; nothing of it was stored.</summary>
    Failed,

    /// <summary>The same file (same source and content hash) was stored before; nothing changed.</summary>
    Unchanged,
}
