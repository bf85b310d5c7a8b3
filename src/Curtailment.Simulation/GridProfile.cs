namespace Curtailment.Simulation;

/// <summary>The shape of a simulated region: its load, zones, inflexible generation and export capacity.</summary>
/// <param name="PeakLoadMw">Typical daily peak load, MW.</param>
/// <param name="MustRunMw">Generation that cannot turn down (nuclear, must-run hydro and thermal), MW.</param>
/// <param name="ExportLimitMw">What the region as a whole can export, MW.</param>
/// <param name="SummerPeaking">Load peaks in the local summer (air conditioning) rather than winter.</param>
/// <param name="Zones">Zones with their renewables and limits.</param>
public sealed record GridProfile(double PeakLoadMw, double MustRunMw, double ExportLimitMw, bool SummerPeaking, IReadOnlyList<Zone> Zones)
{
    /// <summary>Profiles of the regions in <c>data/regions.json</c>, sized like the real systems.</summary>
    public static GridProfile For(string regionId) => regionId.ToUpperInvariant() switch
    {
        "CAISO" => new(30000, 11000, 2500, true,
        [
            new("north", 4000, 2500, 0.35, 2500),
            new("south", 10000, 1500, 0.55, 3500),
            new("desert", 10000, 2500, 0.10, 2000),
        ]),
        "SPP" => new(42000, 17000, 5000, true,
        [
            new("plains", 800, 22000, 0.30, 9000),
            new("east", 1500, 6000, 0.70, 6000),
        ]),
        "ERCOT" => new(48000, 16000, 1200, true,
        [
            new("west", 12000, 22000, 0.15, 12000),
            new("central", 6000, 4000, 0.50, 9000),
            new("coast", 2000, 6000, 0.35, 5000),
        ]),
        "SA1" => new(1700, 250, 750, false,
        [
            new("adelaide", 2200, 500, 0.75, 900),
            new("mid-north", 400, 2200, 0.25, 700),
        ]),
        // Germany's control areas: wind in the north and east meets load in the south and west.
        "DE-TENNET" => new(25000, 6000, 4000, false,
        [
            new("north", 6000, 30000, 0.25, 9000),
            new("south", 20000, 2000, 0.75, 1e9),
        ]),
        "DE-50HERTZ" => new(9000, 2500, 3000, false,
        [
            new("north", 4000, 20000, 0.35, 7000),
            new("south", 8000, 1000, 0.65, 1e9),
        ]),
        "DE-AMPRION" => new(25000, 8000, 3000, false,
        [
            new("north", 4000, 9000, 0.45, 7000),
            new("south", 12000, 2000, 0.55, 1e9),
        ]),
        "DE-TRANSNETBW" => new(9000, 3500, 2500, false,
        [
            new("main", 9000, 1500, 1.0, 1e9),
        ]),
        // Scottish wind behind the boundaries to England: the north (SSE-SP) and the border (SCOTEX).
        "GB-SCOTLAND" => new(4500, 1500, 6500, false,
        [
            new("sse_sp2", 200, 8000, 0.25, 3000),
            new("scotex", 300, 6000, 0.75, 5500),
        ]),
        _ => new(10000, 3000, 1500, true, [new("main", 3000, 3000, 1.0, 1e9)]),
    };
}
