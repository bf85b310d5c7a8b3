using Curtailment.Pipelines.Serving;

namespace Curtailment.Pipelines.Outlook;

/// <summary>A region's outlook for its next local day, from its latest stored forecast, with the model's recent skill.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Name">Region name.</param>
/// <param name="TimeZone">IANA time zone of the region.</param>
/// <param name="Target">What the forecast's numbers are.</param>
/// <param name="Day">
/// The region's next local day at <paramref name="AsOf"/>: tomorrow, except before the day-ahead issue time (10:00 local)
/// when no stored forecast covers tomorrow yet, then today (the rest of it, which the previous day's forecast covers).
/// </param>
/// <param name="DayStart">Local midnight starting the day (UTC).</param>
/// <param name="DayEnd">Local midnight ending it (UTC; 23, 24 or 25 hours later).</param>
/// <param name="AsOf">When the outlook was computed.</param>
/// <param name="Forecast">The day's outlook, or null when no stored forecast covers it.</param>
/// <param name="Reason">Why <paramref name="Forecast"/> is null.</param>
/// <param name="Skill">The model's error on recent days against the week-profile baseline's.</param>
/// <param name="Staleness">Why the forecast shown is stale (<see cref="StaleRule"/>), or null when it is not or there is none.</param>
public sealed record RegionOutlook(
    string Region, string Name, string TimeZone, TargetDescription Target, DateOnly Day, DateTimeOffset DayStart, DateTimeOffset DayEnd,
    DateTimeOffset AsOf, DayOutlook? Forecast, string? Reason, ForecastSkill Skill, ForecastStaleness? Staleness = null);
