namespace Curtailment.Contracts;

/// <summary>What the latest stored forecast says about a region's next local day.</summary>
/// <param name="VintageId">Stored vintage id (see <c>/regions/{id}/forecasts</c>).</param>
/// <param name="ModelVersion">Model that produced it.</param>
/// <param name="IssuedAt">Issue time (UTC).</param>
/// <param name="DataAsOf">End of the newest target interval known at issue time.</param>
/// <param name="Age">How stale it is (ISO-8601 duration since issue).</param>
/// <param name="AgeHours">The same, in hours.</param>
/// <param name="Intervals">Forecast intervals inside the day.</param>
/// <param name="CoveredHours">Hours of the day the forecast covers.</param>
/// <param name="DayHours">Hours of the local day (23, 24 or 25).</param>
/// <param name="ExpectedCurtailedMwh">Predicted MW x hours over the day; null for a proxy target.</param>
/// <param name="ExpectedEventHours">Event probability x hours over the day: for a proxy target, the headline.</param>
/// <param name="BestWindow">The best 3-hour window of the day (by energy, or by event hours for a proxy), or null when the day is not covered long enough or nothing is expected.</param>
/// <param name="PeakProbability">Largest event probability of the day.</param>
/// <param name="PeakProbabilityAt">Start of the first interval with it, local time with offset.</param>
public sealed record DayOutlookResponse(
    long VintageId, string ModelVersion, DateTimeOffset IssuedAt, DateTimeOffset? DataAsOf, string Age, double AgeHours, int Intervals,
    double CoveredHours, double DayHours, double? ExpectedCurtailedMwh, double ExpectedEventHours, BestWindowCandidate? BestWindow,
    double PeakProbability, DateTimeOffset PeakProbabilityAt);
