using Curtailment.Core.Ingest;

namespace Curtailment.Pipelines.Ingest;

/// <summary>The outcome of ingesting one file.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Run">The run the store recorded.</param>
public sealed record IngestFileResult(string Path, IngestRun Run)
{
    /// <summary>Whether the file failed as a whole.</summary>
    public bool Failed => Run.Status == IngestRunStatus.Failed;
}
