namespace Curtailment.Simulation;

/// <summary>What to simulate.</summary>
public sealed record SimulationOptions
{
    /// <summary>Seed: the same options give the same files, byte for byte.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>First local day.</summary>
    public DateOnly Start { get; init; } = new(2025, 3, 1);

    /// <summary>Number of days.</summary>
    public int Days { get; init; } = 75;

    /// <summary>
    /// "Now" of the data set: nothing is written that would not have been published by then (actuals
    /// after it, forecasts issued after it). Null writes everything.
    /// </summary>
    public DateTimeOffset? Now { get; init; }
}
