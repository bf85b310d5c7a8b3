using Curtailment.Core.Regions;

namespace Curtailment.Simulation;

/// <summary>Simulates every region of the catalogue and writes its files in its operator's layout.</summary>
public static class DemoDataWriter
{
    /// <summary>Writes the demo data set into <paramref name="folder"/> (one sub-folder per region) and lists the files.</summary>
    public static IReadOnlyList<SimulatedFile> Write(string folder, IRegionCatalog regions, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var files = new List<SimulatedFile>();
        foreach (var region in regions.All)
        {
            var intervals = GridSimulator.Simulate(region, GridProfile.For(region.Id), options);
            var regionFolder = Path.Combine(folder, region.Id.ToLowerInvariant());
            files.AddRange(region.Operator switch
            {
                "CAISO" => OperatorFileWriter.WriteCaiso(regionFolder, region, intervals, options.Now),
                "AEMO" => OperatorFileWriter.WriteAemo(regionFolder, region, intervals, options.Now),
                _ => OperatorFileWriter.WriteTidy(regionFolder, region, intervals, options.Now),
            });
        }

        File.WriteAllText(Path.Combine(folder, "README.md"),
            $"# SYNTHETIC demo data\n\nWritten by the Curtailment simulator (seed {options.Seed}, {options.Days} days from {options.Start:yyyy-MM-dd}). " +
            "Not real operator data. Regenerate with `curtail simulate`.\n");
        return files;
    }
}
