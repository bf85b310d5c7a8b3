namespace Curtailment.Simulation;

/// <summary>A file the simulator wrote, with how to import it.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Source">The importer to use (<c>caiso-production</c>, <c>tidy</c>, <c>aemo</c>).</param>
/// <param name="Region">The region to give the importer, when the layout does not name it.</param>
/// <param name="Published">The publication rule to give, when the layout does not carry it.</param>
public sealed record SimulatedFile(string Path, string Source, string? Region, string? Published);
