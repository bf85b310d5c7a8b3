namespace Curtailment.Core.Forecasts;

/// <summary>The drivers that moved one local day's forecast most, strongest first.</summary>
/// <param name="Date">The region's local date.</param>
/// <param name="Drivers">At most a few drivers, strongest first.</param>
public sealed record DayExplanation(DateOnly Date, IReadOnlyList<ForecastDriver> Drivers);
