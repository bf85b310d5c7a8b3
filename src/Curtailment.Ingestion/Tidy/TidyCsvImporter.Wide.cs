using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Tidy;

public sealed partial class TidyCsvImporter
{
    /// <summary>The wide shape of one file: its region, publication, series and note columns.</summary>
    private sealed record WideLayout(Region Region, PublicationRule? Rule, int Published, int[] SeriesColumns, int[] NoteColumns);

    private static void ParseWide(CsvLine header, string[] columns, IEnumerable<CsvLine> rows, ImportContext context, BatchBuilder builder)
    {
        var layout = WideLayoutOf(header, columns, context);
        var parsed = new List<Observation>(layout.SeriesColumns.Length);
        foreach (var row in rows)
        {
            builder.CountRow();
            parsed.Clear();
            if (!TryReadWideRow(row, header, columns, layout, builder, parsed))
            {
                continue;
            }

            foreach (var observation in parsed)
            {
                builder.Add(row, observation.Series, observation);
            }
        }
    }

    private static WideLayout WideLayoutOf(CsvLine header, string[] columns, ImportContext context)
    {
        if (columns.Length < 3 || columns[1] != "interval_end_utc")
        {
            throw new ImportFormatException(context.FileName, header.Line, 2,
                $"expected 'interval_end_utc' as the second column of the wide tidy layout, found '{header[1]}'.");
        }

        if (context.RegionId is null)
        {
            throw new ImportFormatException(context.FileName, header.Line, null,
                "the wide tidy layout has no region column: give the region (--region).");
        }

        var region = context.Regions.Find(context.RegionId)
            ?? throw new ImportFormatException(context.FileName, 0, null, $"unknown region '{context.RegionId}' (--region).");
        var published = Array.IndexOf(columns, "published_at_utc");
        var rule = RequireRuleUnless(published >= 0, context);

        var seriesColumns = Enumerable.Range(2, columns.Length - 2)
            .Where(i => UnitSuffixes.Any(s => columns[i].EndsWith(s, StringComparison.Ordinal)))
            .ToArray();
        if (seriesColumns.Length == 0)
        {
            throw new ImportFormatException(context.FileName, header.Line, 3,
                $"no series column: a series column's name ends with its unit ({string.Join(", ", UnitSuffixes)}).");
        }

        // Text columns other than times become the row's quality note ("qa_flags=stale:solar").
        var noteColumns = Enumerable.Range(2, columns.Length - 2)
            .Except(seriesColumns)
            .Where(i => i != published && !columns[i].EndsWith("_utc", StringComparison.Ordinal) && !columns[i].EndsWith("_local", StringComparison.Ordinal)
                && !columns[i].EndsWith("_time", StringComparison.Ordinal))
            .ToArray();
        return new WideLayout(region, rule, published, seriesColumns, noteColumns);
    }

    /// <summary>Reads one row into <paramref name="parsed"/>; false (the row rejected) at the first bad field.</summary>
    private static bool TryReadWideRow(CsvLine row, CsvLine header, string[] columns, WideLayout layout, BatchBuilder builder, List<Observation> parsed)
    {
        if (row.Fields.Length < columns.Length && row.Fields.Length != columns.Length)
        {
            builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {columns.Length}", row.Raw);
            return false;
        }

        if (!TryStart(row, builder, out var start) || !TryWideTimes(row, layout, start, builder, out var end, out var publishedAt))
        {
            return false;
        }

        var notes = string.Join(';', layout.NoteColumns.Where(i => row[i].Trim().Length > 0).Select(i => $"{columns[i]}={row[i].Trim()}"));
        foreach (var i in layout.SeriesColumns)
        {
            if (!Values.TryParseOptional(row[i], out var number))
            {
                builder.Reject(row.Line, header[i], $"'{row[i]}' is not a number", row.Raw);
                return false;
            }

            if (number is null)
            {
                continue;
            }

            if (!CheckValue(row, columns[i], number.Value, header[i], builder))
            {
                return false;
            }

            parsed.Add(new Observation(layout.Region.Id, columns[i], start, end - start, number.Value, builder.Source, publishedAt, notes.Length > 0 ? notes : null));
        }

        return true;
    }

    private static bool TryWideTimes(CsvLine row, WideLayout layout, DateTimeOffset start, BatchBuilder builder, out DateTimeOffset end, out DateTimeOffset publishedAt)
    {
        publishedAt = default;
        if (!Values.TryParseInstant(row[1], naiveIsUtc: true, out end) || end <= start)
        {
            builder.Reject(row.Line, "interval_end_utc", $"'{row[1]}' is not an ISO-8601 instant after the interval start", row.Raw);
            return false;
        }

        if (layout.Published < 0)
        {
            publishedAt = layout.Rule!.PublishedAt(start, end, layout.Region.TimeZone);
            return true;
        }

        if (!Values.TryParseInstant(row[layout.Published], naiveIsUtc: true, out publishedAt))
        {
            builder.Reject(row.Line, "published_at_utc", $"'{row[layout.Published]}' is not an ISO-8601 instant", row.Raw);
            return false;
        }

        return true;
    }
}
