using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;

namespace Curtailment.Ingestion.Tests;

/// <summary>Fixtures copied beside the test assembly and the region catalogue shipped with the repository.</summary>
internal static class TestFiles
{
    private static readonly Lazy<RegionCatalog> LazyRegions =
        new(() => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")));

    public static IRegionCatalog Regions => LazyRegions.Value;

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Parses a fixture; <paramref name="fileName"/> overrides the name the importer sees.</summary>
    public static ImportBatch Parse(IFileImporter importer, string relative, string? fileName = null, string? regionId = null, PublicationRule? published = null)
    {
        using var stream = File.OpenRead(PathOf(relative));
        return importer.Parse(stream, new ImportContext(fileName ?? Path.GetFileName(relative), Regions, regionId, published));
    }

    /// <summary>Parses text as a file named <paramref name="fileName"/>.</summary>
    public static ImportBatch ParseText(IFileImporter importer, string text, string fileName, string? regionId = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return importer.Parse(stream, new ImportContext(fileName, Regions, regionId));
    }

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
}
