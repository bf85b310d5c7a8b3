namespace Curtailment.Core.Forecasts;

/// <summary>A stored forecast: what one model said at one issue time about a range of intervals.</summary>
/// <param name="Id">Store-assigned id (0 before it is stored).</param>
/// <param name="Region">Region id.</param>
/// <param name="IssuedAt">The information cut (UTC).</param>
/// <param name="GeneratedAt">When it was computed (UTC).</param>
/// <param name="ModelVersion">The model that produced it (<c>fasttree@v3</c>, or a baseline's name).</param>
/// <param name="DataAsOf">End of the newest target interval known at issue time, or null.</param>
/// <param name="Points">One point per interval, in time order.</param>
/// <param name="Explanations">What moved each local day's forecast; empty for models that cannot say (baselines) and for older vintages.</param>
public sealed record ForecastVintage(
    long Id,
    string Region,
    DateTimeOffset IssuedAt,
    DateTimeOffset GeneratedAt,
    string ModelVersion,
    DateTimeOffset? DataAsOf,
    IReadOnlyList<ForecastPoint> Points,
    IReadOnlyList<DayExplanation>? Explanations = null);
