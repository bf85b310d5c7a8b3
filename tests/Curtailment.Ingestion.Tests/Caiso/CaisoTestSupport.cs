using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;

namespace Curtailment.Ingestion.Tests.Caiso;

/// <summary>The region catalogue and file plumbing the CAISO importer tests share.</summary>
internal static class CaisoTestSupport
{
    private static readonly Lazy<RegionCatalog> LazyRegions =
        new(() => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")));

    public static IRegionCatalog Regions => LazyRegions.Value;

    public static TimeZoneInfo Pacific => Regions.Get("CAISO").TimeZone;

    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", "Caiso", .. parts]);

    /// <summary>Parses a fixture from TestData/Caiso; the context's file name is the fixture's path.</summary>
    public static ImportBatch ParseFixture(IFileImporter importer, params string[] parts)
    {
        var path = TestData(parts);
        using var stream = File.OpenRead(path);
        return importer.Parse(stream, new ImportContext(path, Regions));
    }

    /// <summary>Parses text written in the test (for variants of a fixture: truncated, bad header, ...).</summary>
    public static ImportBatch ParseText(IFileImporter importer, string fileName, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return importer.Parse(stream, new ImportContext(fileName, Regions));
    }

    public static ImportBatch ParseBytes(IFileImporter importer, string fileName, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return importer.Parse(stream, new ImportContext(fileName, Regions));
    }

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
}
