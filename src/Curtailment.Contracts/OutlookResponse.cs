namespace Curtailment.Contracts;

/// <summary>Every region's outlook for its next local day, from stored forecasts.</summary>
/// <param name="AsOf">When it was computed.</param>
/// <param name="WindowLength">Length of the job placed in each day (ISO-8601).</param>
/// <param name="SkillDays">Days of recent actuals the skill is measured on.</param>
/// <param name="SkillMethod">How the skill is measured.</param>
/// <param name="Regions">One entry per region of the catalogue, in catalogue order.</param>
public sealed record OutlookResponse(DateTimeOffset AsOf, string WindowLength, int SkillDays, string SkillMethod, IReadOnlyList<RegionOutlookResponse> Regions);
