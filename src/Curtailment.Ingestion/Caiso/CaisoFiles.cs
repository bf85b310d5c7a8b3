using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

/// <summary>Helpers the CAISO importers share: headers, whole-day coverage, reading the stream.</summary>
internal static class CaisoFiles
{
    /// <summary>The curtailment series whose gaps mean zero inside a covered day.</summary>
    public static readonly string[] CurtailmentSeries =
        [SeriesIds.WindCurtailment, SeriesIds.SolarCurtailment, SeriesIds.TotalCurtailment];

    /// <summary>
    /// Checks a header row against the expected names (case-insensitive, trimmed); throws naming the first
    /// column that differs. Columns after the expected ones are not checked (CAISO exports end with an
    /// empty column).
    /// </summary>
    public static void RequireHeader(string fileName, CsvLine header, IReadOnlyList<string> expected, string layoutName, int firstColumn = 0)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            var actual = header[firstColumn + i].Trim();
            if (!actual.Equals(expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new ImportFormatException(fileName, header.Line, firstColumn + i + 1,
                    $"expected column '{expected[i]}' of the {layoutName} layout, found '{actual}'. Expected header: {string.Join(',', expected)}");
            }
        }
    }

    /// <summary>
    /// Records that the file covers every local day from <paramref name="first"/> to <paramref name="last"/>
    /// for <paramref name="series"/>, each day published by the region's curtailment rule.
    /// </summary>
    public static void CoverDays(BatchBuilder builder, Region region, DateOnly first, DateOnly last, IReadOnlyList<string> series)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            CoverDay(builder, region, day, series);
        }
    }

    /// <summary>Records that the file covers one local day for <paramref name="series"/>.</summary>
    public static void CoverDay(BatchBuilder builder, Region region, DateOnly day, IReadOnlyList<string> series)
    {
        var (start, end) = LocalClock.DayBounds(day, region.TimeZone);
        var published = region.CurtailmentPublication.PublishedAt(start, end, region.TimeZone);
        foreach (var id in series)
        {
            builder.Cover(region.Id, id, start, end, published);
        }
    }

    /// <summary>The whole content, so a non-seekable stream can be sniffed and then parsed.</summary>
    public static MemoryStream Buffer(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
