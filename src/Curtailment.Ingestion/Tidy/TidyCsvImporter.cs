using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
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
public sealed partial class TidyCsvImporter : IFileImporter
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
