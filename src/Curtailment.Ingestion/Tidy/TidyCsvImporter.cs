using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Tidy;

/// <summary>
/// The generic tidy CSV, in two shapes:
/// <list type="bullet">
/// <item>long: <c>interval_start_utc,region,series,value[,interval_end_utc,published_at_utc]</c>;</item>
/// <item>wide: <c>interval_start_utc,interval_end_utc,</c> then one column per series with its unit in
/// the name (<c>solar_mw</c>); other text columns (<c>qa_flags</c>) become quality notes.</item>
/// </list>
/// Without <c>published_at_utc</c> the caller must give a publication rule (<c>--published</c>); the wide
/// shape also needs the region (<c>--region</c>).
/// </summary>
public sealed class TidyCsvImporter : IFileImporter
{
    /// <summary>Column-name endings that mark a series column of the wide shape.</summary>
    private static readonly string[] UnitSuffixes =
        ["_mw", "_mwh", "_w_m2", "_k", "_m_s", "_kg_m2", "_per_mwh", "_pct", "_c", "_mm"];

    /// <inheritdoc />
    public string Source => "tidy";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var csv = CsvFile.Read(content, context.FileName);
        var headerIndex = csv.FirstNonBlank();
        var header = csv.Records[headerIndex];
        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        csv.ThrowIfTruncated(columns.Length);

        if (columns.Length < 2 || columns[0] != "interval_start_utc")
        {
            throw new ImportFormatException(context.FileName, header.Line, 1,
                $"expected the tidy layout starting with 'interval_start_utc', found '{header[0]}'.");
        }

        var builder = new BatchBuilder(Source, context.FileName);
        var rows = csv.Records.Skip(headerIndex + 1).Where(r => !r.IsBlank);
        if (Array.IndexOf(columns, "series") >= 0 && Array.IndexOf(columns, "value") >= 0)
        {
            ParseLong(csv, header, columns, rows, context, builder);
        }
        else
        {
            ParseWide(header, columns, rows, context, builder);
        }

        return builder.Batch;
    }

    private static void ParseLong(CsvFile csv, CsvLine header, string[] columns, IEnumerable<CsvLine> rows, ImportContext context, BatchBuilder builder)
    {
        var allowed = new[] { "interval_start_utc", "region", "series", "value", "interval_end_utc", "published_at_utc" };
        for (var i = 0; i < columns.Length; i++)
        {
            if (Array.IndexOf(allowed, columns[i]) < 0)
            {
                throw new ImportFormatException(csv.FileName, header.Line, i + 1,
                    $"unexpected column '{header[i]}' in the long tidy layout ({string.Join(',', allowed)}).");
            }
        }

        var region = Array.IndexOf(columns, "region");
        if (region < 0)
        {
            throw new ImportFormatException(csv.FileName, header.Line, null, "the long tidy layout needs a 'region' column.");
        }

        var series = Array.IndexOf(columns, "series");
        var value = Array.IndexOf(columns, "value");
        var end = Array.IndexOf(columns, "interval_end_utc");
        var published = Array.IndexOf(columns, "published_at_utc");
        var rule = RequireRuleUnless(published >= 0, context);

        var parsed = new List<(CsvLine Row, Region Region, string Series, DateTimeOffset Start, DateTimeOffset? End, double Value, DateTimeOffset? Published)>();
        foreach (var row in rows)
        {
            builder.CountRow();
            if (!TryStart(row, builder, out var start))
            {
                continue;
            }

            var regionId = row[region].Trim();
            var known = context.Regions.Find(regionId);
            if (known is null)
            {
                builder.Reject(row.Line, "region", $"unknown region '{regionId}'", row.Raw);
                continue;
            }

            var seriesId = row[series].Trim();
            if (seriesId.Length == 0)
            {
                builder.Reject(row.Line, "series", "empty series id", row.Raw);
                continue;
            }

            if (!Values.TryParseOptional(row[value], out var number))
            {
                builder.Reject(row.Line, "value", $"'{row[value]}' is not a number", row.Raw);
                continue;
            }

            if (number is null)
            {
                continue;
            }

            DateTimeOffset? endAt = null;
            if (end >= 0 && row[end].Trim().Length > 0)
            {
                if (!Values.TryParseInstant(row[end], naiveIsUtc: true, out var e) || e <= start)
                {
                    builder.Reject(row.Line, "interval_end_utc", $"'{row[end]}' is not an ISO-8601 instant after the interval start", row.Raw);
                    continue;
                }

                endAt = e;
            }

            DateTimeOffset? publishedAt = null;
            if (published >= 0)
            {
                if (!Values.TryParseInstant(row[published], naiveIsUtc: true, out var p))
                {
                    builder.Reject(row.Line, "published_at_utc", $"'{row[published]}' is not an ISO-8601 instant", row.Raw);
                    continue;
                }

                publishedAt = p;
            }

            parsed.Add((row, known, seriesId, start, endAt, number.Value, publishedAt));
        }

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

    private static void ParseWide(CsvLine header, string[] columns, IEnumerable<CsvLine> rows, ImportContext context, BatchBuilder builder)
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

        foreach (var row in rows)
        {
            builder.CountRow();
            if (row.Fields.Length < columns.Length && row.Fields.Length != columns.Length)
            {
                builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {columns.Length}", row.Raw);
                continue;
            }

            if (!TryStart(row, builder, out var start))
            {
                continue;
            }

            if (!Values.TryParseInstant(row[1], naiveIsUtc: true, out var end) || end <= start)
            {
                builder.Reject(row.Line, "interval_end_utc", $"'{row[1]}' is not an ISO-8601 instant after the interval start", row.Raw);
                continue;
            }

            DateTimeOffset publishedAt;
            if (published >= 0)
            {
                if (!Values.TryParseInstant(row[published], naiveIsUtc: true, out publishedAt))
                {
                    builder.Reject(row.Line, "published_at_utc", $"'{row[published]}' is not an ISO-8601 instant", row.Raw);
                    continue;
                }
            }
            else
            {
                publishedAt = rule!.PublishedAt(start, end, region.TimeZone);
            }

            var notes = string.Join(';', noteColumns.Where(i => row[i].Trim().Length > 0).Select(i => $"{columns[i]}={row[i].Trim()}"));
            var parsed = new List<Observation>(seriesColumns.Length);
            var bad = false;
            foreach (var i in seriesColumns)
            {
                if (!Values.TryParseOptional(row[i], out var number))
                {
                    builder.Reject(row.Line, header[i], $"'{row[i]}' is not a number", row.Raw);
                    bad = true;
                    break;
                }

                if (number is null)
                {
                    continue;
                }

                if (!CheckValue(row, columns[i], number.Value, header[i], builder))
                {
                    bad = true;
                    break;
                }

                parsed.Add(new Observation(region.Id, columns[i], start, end - start, number.Value, builder.Source, publishedAt, notes.Length > 0 ? notes : null));
            }

            if (bad)
            {
                continue;
            }

            foreach (var observation in parsed)
            {
                builder.Add(row, observation.Series, observation);
            }
        }
    }

    private static PublicationRule? RequireRuleUnless(bool fileHasPublication, ImportContext context)
    {
        if (fileHasPublication)
        {
            return null;
        }

        return context.Published ?? throw new ImportFormatException(context.FileName, 1, null,
            "the file has no 'published_at_utc' column: give a publication rule (--published realtime|realtime+PT1H|dayahead@10:00|nextday@10:00).");
    }

    private static bool TryStart(CsvLine row, BatchBuilder builder, out DateTimeOffset start)
    {
        if (Values.TryParseInstant(row[0], naiveIsUtc: true, out start))
        {
            return true;
        }

        builder.Reject(row.Line, "interval_start_utc", $"'{row[0]}' is not an ISO-8601 instant", row.Raw);
        return false;
    }

    /// <summary>Curtailment cannot be negative; other series (solar at night, prices) may be.</summary>
    private static bool CheckValue(CsvLine row, string series, double value, string column, BatchBuilder builder)
    {
        if (value < 0 && SeriesIds.IsSparseZero(series))
        {
            builder.Reject(row.Line, column, $"negative curtailment {value} MW", row.Raw);
            return false;
        }

        return true;
    }

    private static TimeSpan InferResolution(IEnumerable<DateTimeOffset> starts, TimeSpan fallback)
    {
        var ordered = starts.Distinct().Order().ToArray();
        var smallest = TimeSpan.MaxValue;
        for (var i = 1; i < ordered.Length; i++)
        {
            var gap = ordered[i] - ordered[i - 1];
            if (gap > TimeSpan.Zero && gap < smallest)
            {
                smallest = gap;
            }
        }

        return smallest == TimeSpan.MaxValue ? fallback : smallest;
    }
}
