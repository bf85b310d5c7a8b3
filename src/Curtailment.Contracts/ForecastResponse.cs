using System.Text.Json.Serialization;

namespace Curtailment.Contracts;

/// <summary>A forecast vintage, or the part of it inside the requested range.</summary>
/// <param name="Id">Stored vintage id.</param>
/// <param name="Region">Region id.</param>
/// <param name="IssuedAt">Information cut: only data published by then was used.</param>
/// <param name="GeneratedAt">When it was computed.</param>
/// <param name="ModelVersion">Model that produced it (<c>fasttree@v3</c>, or <c>week_profile</c> for the baseline).</param>
/// <param name="DataAsOf">End of the newest target interval known at issue time.</param>
/// <param name="Target">What the numbers are: for a proxy target (SA1) <c>predictedMw</c> holds the target series in its unit, not MW.</param>
/// <param name="Intervals">The intervals, in time order.</param>
/// <param name="Explanations">
/// What moved each local day's level most, for models that can say (tree models); absent for baselines and for
/// vintages stored before explanations existed.
/// </param>
/// <param name="Stale">
/// True when the vintage was issued before the latest day-ahead issue the schedule expected by now (the region's
/// forecast time today has passed and no newer vintage exists); absent otherwise.
/// </param>
/// <param name="StaleReason">The issue time expected and the one served, when <paramref name="Stale"/>.</param>
public sealed record ForecastResponse(
    long Id, string Region, DateTimeOffset IssuedAt, DateTimeOffset GeneratedAt, string ModelVersion, DateTimeOffset? DataAsOf,
    TargetResponse Target, IReadOnlyList<ForecastIntervalResponse> Intervals,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DayExplanationResponse>? Explanations = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Stale = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StaleReason = null);
