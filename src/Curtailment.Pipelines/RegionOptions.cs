namespace Curtailment.Pipelines;

/// <summary>Where the region catalogue is read from.</summary>
public sealed class RegionOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Regions";

    /// <summary>Path of <c>regions.json</c>; empty means the copy shipped beside the program.</summary>
    public string? Path { get; set; }
}
