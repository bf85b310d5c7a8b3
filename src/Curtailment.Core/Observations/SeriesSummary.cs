namespace Curtailment.Core.Observations;

/// <summary>What the store holds of one series from one source.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Series">Series id.</param>
/// <param name="Source">Source name.</param>
/// <param name="Rows">Stored observations.</param>
/// <param name="FirstIntervalStart">Earliest interval start.</param>
/// <param name="LastIntervalEnd">Latest interval end.</param>
/// <param name="Resolution">Most common interval length.</param>
/// <param name="Gaps">Missing intervals between first and last at that resolution (for sparse-zero series: outside coverage).</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="TotalEnergyMwh">Sum of value x hours, for MW series; null otherwise.</param>
/// <param name="LastIngestRunId">The newest run that wrote to it.</param>
/// <param name="LastIngestedAt">When that run finished.</param>
/// <param name="RejectedRows">Rows refused by the runs that wrote to it.</param>
public sealed record SeriesSummary(
    string Region,
    string Series,
    string Source,
    long Rows,
    DateTimeOffset FirstIntervalStart,
    DateTimeOffset LastIntervalEnd,
    TimeSpan Resolution,
    long Gaps,
    double Min,
    double Max,
    double? TotalEnergyMwh,
    long LastIngestRunId,
    DateTimeOffset LastIngestedAt,
    long RejectedRows);
