using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Tidy;

public sealed partial class TidyCsvImporter
{
    private static readonly string[] LongColumns = ["interval_start_utc", "region", "series", "value", "interval_end_utc", "published_at_utc"];

    /// <summary>Where the long shape's columns are (-1 when absent).</summary>
    private sealed record LongLayout(int Region, int Series, int Value, int End, int Published);

    /// <summary>A row of the long shape, read but not yet given its end or publication time.</summary>
    private sealed record LongRow(CsvLine Row, Region Region, string Series, DateTimeOffset Start, DateTimeOffset? End, double Value, DateTimeOffset? Published);

    private static void ParseLong(CsvFile csv, CsvLine header, string[] columns, IEnumerable<CsvLine> rows, ImportContext context, BatchBuilder builder)
    {
        var layout = LongLayoutOf(csv.FileName, header, columns);
        var rule = RequireRuleUnless(layout.Published >= 0, context);
        var parsed = new List<LongRow>();
        foreach (var row in rows)
        {
            builder.CountRow();
            if (TryReadLongRow(row, layout, context, builder) is { } read)
            {
                parsed.Add(read);
            }
        }

        AddLongRows(parsed, rule, builder);
    }

    private static LongLayout LongLayoutOf(string fileName, CsvLine header, string[] columns)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (Array.IndexOf(LongColumns, columns[i]) < 0)
            {
                throw new ImportFormatException(fileName, header.Line, i + 1,
                    $"unexpected column '{header[i]}' in the long tidy layout ({string.Join(',', LongColumns)}).");
            }
        }

        var region = Array.IndexOf(columns, "region");
        if (region < 0)
        {
            throw new ImportFormatException(fileName, header.Line, null, "the long tidy layout needs a 'region' column.");
        }

        return new LongLayout(region, Array.IndexOf(columns, "series"), Array.IndexOf(columns, "value"),
            Array.IndexOf(columns, "interval_end_utc"), Array.IndexOf(columns, "published_at_utc"));
    }

    /// <summary>One row of the long shape, or null when it was rejected or has no value.</summary>
    private static LongRow? TryReadLongRow(CsvLine row, LongLayout layout, ImportContext context, BatchBuilder builder)
    {
        if (!TryStart(row, builder, out var start))
        {
            return null;
        }

        var regionId = row[layout.Region].Trim();
        var known = context.Regions.Find(regionId);
        if (known is null)
        {
            builder.Reject(row.Line, "region", $"unknown region '{regionId}'", row.Raw);
            return null;
        }

        var seriesId = row[layout.Series].Trim();
        if (seriesId.Length == 0)
        {
            builder.Reject(row.Line, "series", "empty series id", row.Raw);
            return null;
        }

        if (!Values.TryParseOptional(row[layout.Value], out var number))
        {
            builder.Reject(row.Line, "value", $"'{row[layout.Value]}' is not a number", row.Raw);
            return null;
        }

        if (number is null || !TryOptionalEnd(row, layout.End, start, builder, out var endAt) || !TryOptionalPublished(row, layout.Published, builder, out var publishedAt))
        {
            return null;
        }

        return new LongRow(row, known, seriesId, start, endAt, number.Value, publishedAt);
    }

    private static bool TryOptionalEnd(CsvLine row, int end, DateTimeOffset start, BatchBuilder builder, out DateTimeOffset? endAt)
    {
        endAt = null;
        if (end < 0 || row[end].Trim().Length == 0)
        {
            return true;
        }

        if (!Values.TryParseInstant(row[end], naiveIsUtc: true, out var e) || e <= start)
        {
            builder.Reject(row.Line, "interval_end_utc", $"'{row[end]}' is not an ISO-8601 instant after the interval start", row.Raw);
            return false;
        }

        endAt = e;
        return true;
    }

    private static bool TryOptionalPublished(CsvLine row, int published, BatchBuilder builder, out DateTimeOffset? publishedAt)
    {
        publishedAt = null;
        if (published < 0)
        {
            return true;
        }

        if (!Values.TryParseInstant(row[published], naiveIsUtc: true, out var p))
        {
            builder.Reject(row.Line, "published_at_utc", $"'{row[published]}' is not an ISO-8601 instant", row.Raw);
            return false;
        }

        publishedAt = p;
        return true;
    }

    private static void AddLongRows(List<LongRow> parsed, PublicationRule? rule, BatchBuilder builder)
    {
        // Without an end column, an interval lasts until the series' next start (its resolution).
        var resolutions = parsed
            .GroupBy(p => (p.Region.Id, p.Series))
            .ToDictionary(g => g.Key, g => InferResolution(g.Select(p => p.Start), g.First().Region.NativeResolution));
        foreach (var p in parsed)
        {
            var endAt = p.End ?? p.Start + resolutions[(p.Region.Id, p.Series)];
            if (!CheckValue(p.Row, p.Series, p.Value, "value", builder))
            {
                continue;
            }

            var publishedAt = p.Published ?? rule!.PublishedAt(p.Start, endAt, p.Region.TimeZone);
            builder.Add(p.Row, "value",
                new Observation(p.Region.Id, p.Series, p.Start, endAt - p.Start, p.Value, builder.Source, publishedAt));
        }
    }
}
