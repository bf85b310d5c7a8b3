using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Outlook;

/// <summary>What the latest stored forecast says about one local day.</summary>
/// <param name="VintageId">Stored vintage id.</param>
/// <param name="ModelVersion">Model that produced it.</param>
/// <param name="IssuedAt">Its issue time.</param>
/// <param name="DataAsOf">End of the newest target interval known at issue time.</param>
/// <param name="Age">How stale it is: the outlook's time less the issue time.</param>
/// <param name="Intervals">Forecast intervals inside the day.</param>
/// <param name="CoveredHours">Hours of the day the forecast covers (less than the day when it starts or ends inside it).</param>
/// <param name="DayHours">Hours of the local day (23, 24 or 25).</param>
/// <param name="ExpectedCurtailedMwh">Sum of predicted MW x hours over the day; null for a proxy target, which has no MW.</param>
/// <param name="ExpectedEventHours">Sum of event probability x hours over the day.</param>
/// <param name="BestWindow">The best placement of a job of <see cref="OutlookPipeline.WindowLength"/> inside the day, ranked as the best-window endpoint ranks the region; null when the covered part is shorter or nothing is expected in any window.</param>
/// <param name="PeakProbability">Largest event probability of the day.</param>
/// <param name="PeakProbabilityAt">Start of the first interval with that probability.</param>
public sealed record DayOutlook(
    long VintageId, string ModelVersion, DateTimeOffset IssuedAt, DateTimeOffset? DataAsOf, TimeSpan Age, int Intervals, double CoveredHours, double DayHours,
    double? ExpectedCurtailedMwh, double ExpectedEventHours, JobPlacement? BestWindow, double PeakProbability, DateTimeOffset PeakProbabilityAt);
