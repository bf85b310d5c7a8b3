namespace Curtailment.Contracts;

/// <summary>Mean absolute errors over recent days: the stored day-ahead forecasts and the week-profile baseline, over the same intervals.</summary>
/// <param name="From">Start of the evaluated range (UTC).</param>
/// <param name="To">End of it (UTC).</param>
/// <param name="Unit">Unit of the errors (the target's).</param>
/// <param name="Intervals">Intervals evaluated.</param>
/// <param name="Days">Distinct local days among them.</param>
/// <param name="ModelMae">MAE of the stored forecasts, or null (see <paramref name="Reason"/>).</param>
/// <param name="BaselineMae">MAE of the week-profile baseline, or null.</param>
/// <param name="SkillScore">1 - modelMae / baselineMae: above 0 when the model beats the baseline.</param>
/// <param name="ModelVersions">Model versions of the vintages evaluated.</param>
/// <param name="Reason">Why it is n/a.</param>
public sealed record SkillResponse(
    DateTimeOffset From, DateTimeOffset To, string Unit, int Intervals, int Days, double? ModelMae, double? BaselineMae, double? SkillScore,
    IReadOnlyList<string> ModelVersions, string? Reason);
