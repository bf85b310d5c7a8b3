namespace Curtailment.Contracts;

/// <summary>One candidate start time for a job, with its region's local time.</summary>
/// <param name="Rank">1 for the best.</param>
/// <param name="Region">Region id.</param>
/// <param name="TimeZone">The region's IANA time zone.</param>
/// <param name="Start">Job start (UTC), on the region's forecast grid.</param>
/// <param name="End">Job end (UTC).</param>
/// <param name="LocalStart">The start in the region's local time, ISO-8601 with its offset.</param>
/// <param name="LocalEnd">The end in the region's local time.</param>
/// <param name="ExpectedCurtailedMwh">Predicted MW x hours overlapping the job; null for a proxy target, which has no MW.</param>
/// <param name="ExpectedEventHours">Event probability x hours overlapping the job.</param>
/// <param name="ProbabilityAnyCurtailment">1 - product of (1 - p) over the job's intervals (assumes independence).</param>
/// <param name="PeakMw">Largest predicted MW during the job; null for a proxy target.</param>
public sealed record BestWindowCandidate(
    int Rank, string Region, string TimeZone, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset LocalStart, DateTimeOffset LocalEnd,
    double? ExpectedCurtailedMwh, double ExpectedEventHours, double ProbabilityAnyCurtailment, double? PeakMw);
