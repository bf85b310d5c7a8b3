using Curtailment.Testing;

namespace Curtailment.Benchmarks;

/// <summary>
/// One of the real operator files the import benchmarks read in place from <c>../shared/data/real</c> (never copied
/// into the repository).
/// </summary>
/// <param name="Name">What the benchmark table calls it.</param>
/// <param name="Source">The importer's source name (<c>curtail ingest --source</c>).</param>
/// <param name="RelativePath">Path under <c>shared/data/real</c>.</param>
public sealed record ImportFile(string Name, string Source, string RelativePath)
{
    /// <summary>The three files of the import-rate target (docs/benchmarks.md, "Import into SQLite").</summary>
    public static IReadOnlyList<ImportFile> All { get; } =
    [
        new("Outlook 2020", "caiso-outlook", "caiso_outlook_5min/caiso_outlook_fuelmix_demand_5min_2020.csv"),
        new("EIA-930 CISO", "eia930", "eia930_demand/eia930_demand_CISO_hourly.csv"),
        new("AEMO SA1", "aemo", "aemo_sa1_price_demand_5min/aemo_sa1_price_demand_5min_2023-01_2024-06.csv"),
    ];

    /// <summary>The file's name, as the importer sees it.</summary>
    public string FileName => System.IO.Path.GetFileName(RelativePath);

    /// <summary>The file on this machine, or null when <c>shared/data/real</c> or the file is absent.</summary>
    public string? Path => SharedFolder.RealData() is { } real && File.Exists(System.IO.Path.Combine(real, RelativePath))
        ? System.IO.Path.Combine(real, RelativePath)
        : null;

    /// <summary>The file on this machine, or a <see cref="FileNotFoundException"/> saying where it was looked for.</summary>
    public string RequirePath() => Path ?? throw new FileNotFoundException(
        $"{Name}: shared/data/real/{RelativePath} not found in any folder above {AppContext.BaseDirectory}. "
        + "The import benchmarks read the real files in place: run them from a checkout that has ../shared beside it.",
        RelativePath);

    /// <inheritdoc />
    public override string ToString() => Name;
}
