namespace Curtailment.Pipelines.Scheduling;

/// <summary>One candidate start time for a flexible job.</summary>
/// <param name="Region">Region id the forecast belongs to.</param>
/// <param name="Start">Job start (UTC), on the region's forecast grid.</param>
/// <param name="End">Job end (UTC): start plus the job's duration.</param>
/// <param name="ExpectedCurtailedMwh">Sum of predicted MW x hours of overlap with the job (values below zero count as zero); meaningless for a proxy target.</param>
/// <param name="ProbabilityAnyCurtailment">1 - product of (1 - p) over the overlapped intervals: the chance that curtailment occurs at some point during the job, assuming intervals are independent.</param>
/// <param name="PeakMw">Largest predicted value during the job (MW, or the proxy target's unit).</param>
/// <param name="ExpectedEventHours">Sum of event probability x hours of overlap with the job: the expected hours of the job spent in events.</param>
/// <param name="RankedBy">The measure the placement was ranked by.</param>
public sealed record JobPlacement(
    string Region, DateTimeOffset Start, DateTimeOffset End, double ExpectedCurtailedMwh, double ProbabilityAnyCurtailment, double PeakMw,
    double ExpectedEventHours = 0, RankingMeasure RankedBy = RankingMeasure.CurtailedEnergy);
