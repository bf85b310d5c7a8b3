namespace Curtailment.Contracts;

/// <summary>Observed values of a region's target series, as known at <see cref="AsOf"/>.</summary>
/// <param name="Region">Region id.</param>
/// <param name="Series">Series id.</param>
/// <param name="AsOf">Only values published by then.</param>
/// <param name="Intervals">Observations, in time order.</param>
public sealed record ActualsResponse(string Region, string Series, DateTimeOffset AsOf, IReadOnlyList<ActualResponse> Intervals);
