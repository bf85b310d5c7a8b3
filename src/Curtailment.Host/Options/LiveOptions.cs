using System.ComponentModel.DataAnnotations;

namespace Curtailment.Host.Options;

/// <summary>
/// The live profile (<c>--live</c> or <c>Curtailment:Live:Enabled=true</c>): the operators' real feeds as recurring
/// ingest jobs for the live regions, no synthetic demo data. Off (the default): the offline demo.
/// </summary>
public sealed class LiveOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Live";

    /// <summary>The command-line switch that turns the live profile on.</summary>
    public const string Switch = "--live";

    /// <summary>The regions served live when <see cref="Regions"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultRegions { get; } = ["CAISO", "SA1"];

    /// <summary>Whether the live profile is on.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Region ids whose jobs are registered and whose feeds run; empty (the default): <see cref="DefaultRegions"/>.
    /// Empty by default because the configuration binder appends to an array it finds filled.
    /// </summary>
    public string[] Regions { get; set; } = [];

    /// <summary>Local days whose periods each feed (re)fetches on every run.</summary>
    [Range(1, 31, ErrorMessage = "Curtailment:Live:LookbackDays must be between 1 and 31.")]
    public int LookbackDays { get; set; } = 2;

    /// <summary>The live regions: <see cref="Regions"/>, or <see cref="DefaultRegions"/> when none is configured.</summary>
    public IReadOnlyList<string> EffectiveRegions => Regions.Length == 0 ? DefaultRegions : Regions;

    /// <summary>
    /// The arguments with the bare <c>--live</c> switch written as the setting it stands for (the command-line
    /// configuration reads <c>--key</c> as taking the next argument as its value, so a bare switch needs this).
    /// </summary>
    public static string[] RewriteSwitch(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase) ? $"--{SectionName}:{nameof(Enabled)}=true" : a)];
    }
}
