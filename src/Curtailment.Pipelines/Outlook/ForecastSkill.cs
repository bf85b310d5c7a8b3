namespace Curtailment.Pipelines.Outlook;

/// <summary>
/// Mean absolute error of the stored day-ahead forecasts against the actuals over recent days, and of the week-profile
/// baseline over the same intervals; both in the target's unit.
/// </summary>
/// <param name="From">Start of the evaluated range (UTC).</param>
/// <param name="To">End of the evaluated range (UTC): the outlook's time.</param>
/// <param name="Intervals">Intervals with an actual, a day-ahead forecast and a baseline value.</param>
/// <param name="Days">Distinct local days among them.</param>
/// <param name="ModelMae">MAE of the stored forecasts, or null when nothing could be evaluated.</param>
/// <param name="BaselineMae">MAE of the week profile over the same intervals, or null.</param>
/// <param name="ModelVersions">Model versions of the vintages evaluated.</param>
/// <param name="Reason">Why the MAEs are null.</param>
public sealed record ForecastSkill(
    DateTimeOffset From, DateTimeOffset To, int Intervals, int Days, double? ModelMae, double? BaselineMae, IReadOnlyList<string> ModelVersions, string? Reason)
{
    /// <summary>1 - model MAE / baseline MAE: above zero when the model beats the baseline; null when either is missing or the baseline is perfect.</summary>
    public double? SkillScore => ModelMae is { } model && BaselineMae is { } baseline && baseline > 0 ? 1 - (model / baseline) : null;
}
