using Curtailment.Core.Regions;

namespace Curtailment.Simulation.Tests;

public sealed class GridSimulatorTests
{
    private static readonly RegionCatalog Regions = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json"));
    private static readonly SimulationOptions Spring = new() { Start = new DateOnly(2025, 4, 1), Days = 14 };

    [Fact]
    public void Simulate_SameSeed_SameGrid_OtherSeed_OtherGrid()
    {
        var caiso = Regions.Get("CAISO");

        var first = GridSimulator.Simulate(caiso, GridProfile.For("CAISO"), Spring);
        var second = GridSimulator.Simulate(caiso, GridProfile.For("CAISO"), Spring);
        var other = GridSimulator.Simulate(caiso, GridProfile.For("CAISO"), Spring with { Seed = 7 });

        // Records compare their boundary arrays by reference: compare the intervals and the boundaries apart.
        Assert.Equal(first.Select(i => i with { Boundaries = [] }), second.Select(i => i with { Boundaries = [] }));
        Assert.Equal(first.SelectMany(i => i.Boundaries), second.SelectMany(i => i.Boundaries));
        Assert.NotEqual(first.Select(i => i.Wind), other.Select(i => i.Wind));
    }

    [Fact]
    public void Simulate_SpringInCalifornia_CurtailsAtMiddayNotAtNight()
    {
        var caiso = Regions.Get("CAISO");

        var grid = GridSimulator.Simulate(caiso, GridProfile.For("CAISO"), Spring);

        Assert.Equal(14 * 288, grid.Count);
        Assert.All(grid, i => Assert.True(i.SolarCurtailment >= 0 && i.WindCurtailment >= 0 && i.Solar >= 0 && i.Wind >= 0));
        var byLocalHour = grid.GroupBy(i => TimeZoneInfo.ConvertTime(i.Start, caiso.TimeZone).Hour).ToDictionary(g => g.Key, g => g.Average(i => i.SolarCurtailment));
        Assert.True(byLocalHour[12] > 500, $"midday solar curtailment {byLocalHour[12]:F0} MW");
        Assert.Equal(0, byLocalHour[2]);
        Assert.Contains(grid, i => i.SolarCurtailment + i.WindCurtailment >= caiso.Target.EventThreshold);
    }

    [Fact]
    public void Simulate_Curtailment_OnlyWhenSupplyExceedsWhatTheGridCanTake()
    {
        var profile = GridProfile.For("CAISO");

        var grid = GridSimulator.Simulate(Regions.Get("CAISO"), profile, Spring);

        // After curtailment, renewables plus must-run never exceed load plus export capacity.
        Assert.All(grid, i => Assert.True(i.Solar + i.Wind + profile.MustRunMw <= i.Load + profile.ExportLimitMw + 1e-6));
        // With no system surplus and no zone over its limit there is nothing to curtail: low-sun hours.
        Assert.All(grid.Where(i => i.Solar + i.Wind + i.SolarCurtailment + i.WindCurtailment + profile.MustRunMw < 0.5 * i.Load),
            i => Assert.Equal(0, i.SolarCurtailment + i.WindCurtailment));
    }

    [Fact]
    public void Simulate_SouthAustralia_HasNegativePricesWhenRenewablesExceedLoad()
    {
        var grid = GridSimulator.Simulate(Regions.Get("SA1"), GridProfile.For("SA1"), new SimulationOptions { Start = new DateOnly(2024, 10, 1), Days = 14 });

        Assert.Contains(grid, i => i.Price < 0);
        Assert.Contains(grid, i => i.Price > 50);
    }
}
