namespace Curtailment.Contracts;

/// <summary>The drivers that moved one local day's forecast most, strongest first.</summary>
/// <param name="Date">The region's local date.</param>
/// <param name="Drivers">At most three drivers, strongest first.</param>
public sealed record DayExplanationResponse(DateOnly Date, IReadOnlyList<ForecastDriverResponse> Drivers);
