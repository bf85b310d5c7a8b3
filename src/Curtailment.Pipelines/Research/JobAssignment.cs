using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Research;

/// <summary>Where a scheduler put a job, or null when no free start fitted.</summary>
/// <param name="Job">The job.</param>
/// <param name="Placement">The chosen start (from the API's best-window candidates), or null.</param>
public sealed record JobAssignment(FlexibleJob Job, JobPlacement? Placement);
