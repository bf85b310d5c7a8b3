using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Host.Contracts;

/// <summary>The best start times for a job, across regions.</summary>
/// <param name="Duration">Job duration (ISO-8601).</param>
/// <param name="EarliestStart">Earliest start allowed.</param>
/// <param name="Deadline">Latest end allowed.</param>
/// <param name="Assumption">How the probability is computed.</param>
/// <param name="Forecasts">The forecast used per region.</param>
/// <param name="Candidates">Best placements first, by expected curtailed MWh overlapping the job.</param>
public sealed record BestWindowResponse(
    string Duration, DateTimeOffset EarliestStart, DateTimeOffset Deadline, string Assumption, IReadOnlyList<ForecastSource> Forecasts, IReadOnlyList<JobPlacement> Candidates);
