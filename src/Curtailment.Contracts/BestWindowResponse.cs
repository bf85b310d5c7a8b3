namespace Curtailment.Contracts;

/// <summary>The best start times for a job, across regions, on one UTC timeline.</summary>
/// <param name="Duration">Job duration (ISO-8601).</param>
/// <param name="EarliestStart">Earliest start allowed.</param>
/// <param name="Deadline">Latest end allowed.</param>
/// <param name="RankedBy"><c>energy</c> (expected curtailed MWh) or <c>eventHours</c> (expected hours in events: with a proxy region, or when asked).</param>
/// <param name="Assumption">How the probability is computed.</param>
/// <param name="Forecasts">The forecast used per region.</param>
/// <param name="Candidates">Best placements first.</param>
public sealed record BestWindowResponse(
    string Duration, DateTimeOffset EarliestStart, DateTimeOffset Deadline, string RankedBy, string Assumption, IReadOnlyList<ForecastSource> Forecasts,
    IReadOnlyList<BestWindowCandidate> Candidates);
