using System.Text.Json.Serialization;

namespace Curtailment.Contracts;

/// <summary>One region's next local day.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Name">Region name.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="Target">What the numbers are (for a proxy, read event hours and probabilities).</param>
/// <param name="Day">The region's next local day (<c>yyyy-MM-dd</c>).</param>
/// <param name="DayStart">Local midnight starting the day, with the region's offset.</param>
/// <param name="DayEnd">Local midnight ending it, with the region's offset.</param>
/// <param name="Status"><c>ok</c>, or <c>no-forecast</c> (see <paramref name="Reason"/>).</param>
/// <param name="Reason">Why there is no forecast for the day.</param>
/// <param name="Forecast">The day's outlook, or null.</param>
/// <param name="Skill">The model's recent skill against the week-profile baseline.</param>
/// <param name="Stale">True when the forecast shown was issued before the latest day-ahead issue expected by now; absent otherwise.</param>
/// <param name="StaleReason">The issue time expected and the one served, when <paramref name="Stale"/>.</param>
public sealed record RegionOutlookResponse(
    string Region, string Name, string TimeZone, TargetResponse Target, DateOnly Day, DateTimeOffset DayStart, DateTimeOffset DayEnd,
    string Status, string? Reason, DayOutlookResponse? Forecast, SkillResponse Skill,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Stale = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StaleReason = null);
