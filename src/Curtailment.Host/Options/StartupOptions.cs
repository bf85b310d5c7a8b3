using System.ComponentModel.DataAnnotations;

namespace Curtailment.Host.Options;

/// <summary>What the host does once at start-up, in the background (the embedded default's first run).</summary>
public sealed class StartupOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Startup";

    /// <summary>Write and import SYNTHETIC demo data when the store is empty.</summary>
    public bool LoadDemoData { get; set; } = true;

    /// <summary>Where the demo files are written; relative paths are under the content root.</summary>
    [Required(ErrorMessage = "Curtailment:Startup:DemoFolder is required.")]
    public string DemoFolder { get; set; } = "data/demo";

    /// <summary>Days of demo data (up to today).</summary>
    [Range(3, 730, ErrorMessage = "Curtailment:Startup:DemoDays must be between 3 and 730.")]
    public int DemoDays { get; set; } = 60;

    /// <summary>Train a model for every region that has no active one.</summary>
    public bool TrainMissingModels { get; set; } = true;

    /// <summary>Issue a forecast for every region.</summary>
    public bool IssueForecasts { get; set; } = true;
}
