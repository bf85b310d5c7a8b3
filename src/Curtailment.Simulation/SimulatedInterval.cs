namespace Curtailment.Simulation;

/// <summary>One simulated interval of a region (MW, averages over the interval).</summary>
public sealed record SimulatedInterval(
    DateTimeOffset Start,
    TimeSpan Duration,
    double Load,
    double Solar,
    double Wind,
    double SolarCurtailment,
    double WindCurtailment,
    double MustRun,
    double Imports,
    double Thermal,
    double LoadForecast,
    double SolarForecast,
    double WindForecast,
    double Price)
{
    /// <summary>Each zone's export boundary in this interval: its limit and the flow out of the zone.</summary>
    public IReadOnlyList<BoundaryFlow> Boundaries { get; init; } = [];
}
