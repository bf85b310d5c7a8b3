using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

/// <summary>
/// CAISO "Production and Curtailments Data", in every shape we meet it:
/// <list type="bullet">
/// <item>the yearly <c>.xlsx</c> workbook with its <c>Production</c> and <c>Curtailments</c> sheets;</item>
/// <item>a CSV export of the <c>Curtailments</c> sheet (<c>Date,Hour,Interval,Wind Curtailment,Solar Curtailment,</c>);</item>
/// <item>a CSV export of the <c>Production</c> sheet (<c>Date,Hour,Interval,Load,Solar,Wind,...</c>);</item>
/// <item>the cleaned <c>caiso_curtailment_5min_*.csv</c> (<c>interval_start_utc,interval_end_utc,...</c>).</item>
/// </list>
/// The curtailment sheet lists only intervals with curtailment, so every local day the file spans is
/// recorded as coverage: inside it a missing interval means zero.
/// </summary>
public sealed partial class CaisoProductionImporter : IFileImporter
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public string Source => "caiso-production";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = context.ResolveRegion("CAISO");
        using var buffer = CaisoFiles.Buffer(content);
        var builder = new BatchBuilder(Source, context.FileName);

        // The content decides, not the extension: a workbook saved under a .csv name is still a workbook.
        if (IsZip(buffer))
        {
            ParseWorkbook(buffer, region, builder);
            return builder.Batch;
        }

        var csv = CsvFile.Read(buffer, context.FileName);
        var headerIndex = csv.FirstNonBlank();
        var header = csv.Records[headerIndex];
        var first = header[0].Trim();
        if (first.Equals("interval_start_utc", StringComparison.OrdinalIgnoreCase))
        {
            CaisoFiles.RequireHeader(csv.FileName, header, CleanedHeader, "cleaned CAISO 5-minute curtailment");
            csv.ThrowIfTruncated(header.Fields.Length);
            ParseCleaned(csv.Records, headerIndex + 1, region, builder);
            return builder.Batch;
        }

        var sheet = SheetFor(csv.FileName, header);
        csv.ThrowIfTruncated(header.Fields.Length);
        for (var i = headerIndex + 1; i < csv.Records.Count; i++)
        {
            if (!csv.Records[i].IsBlank)
            {
                sheet.Read(csv.Records[i]);
            }
        }

        sheet.Finish();
        return builder.Batch;

        ISheet SheetFor(string fileName, CsvLine header) =>
            LooksLikeProduction(header)
                ? new ProductionSheet(fileName, header, region, builder)
                : new CurtailmentSheet(fileName, header, region, builder);
    }

    private static bool IsZip(MemoryStream buffer)
    {
        var bytes = buffer.GetBuffer();
        return buffer.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /// <summary>The Production sheet has <c>Load</c> where the Curtailments sheet has <c>Wind Curtailment</c>.</summary>
    private static bool LooksLikeProduction(CsvLine header) =>
        header[3].Trim().Equals("Load", StringComparison.OrdinalIgnoreCase);

    /// <summary>One sheet's rows, fed one at a time (from a CSV export or a workbook).</summary>
    private interface ISheet
    {
        void Read(CsvLine row);

        void Finish();
    }

    /// <summary>Date, Hour and Interval, the three key columns both sheets start with.</summary>
    private static readonly string[] KeyColumns = ["Date", "Hour", "Interval"];

    /// <summary>
    /// Reads the key columns of a row into the interval start; rejects the row and returns false when
    /// they do not name a time. <paramref name="repeats"/> remembers keys seen in the fall-back hour.
    /// </summary>
    private static bool TryKey(CsvLine row, Region region, BatchBuilder builder, HashSet<(DateOnly, int, int)> repeats,
        out DateOnly date, out DateTimeOffset start)
    {
        start = default;
        if (!CaisoDates.TryParseDate(row[0], out date))
        {
            builder.Reject(row.Line, "Date", $"'{row[0]}' is not a date (M/D/YYYY)", row.Raw);
            return false;
        }

        if (!CaisoClock.TryParseWhole(row[1], out var hour) || hour is < 1 or > 25)
        {
            builder.Reject(row.Line, "Hour", $"'{row[1]}' is not an hour-ending 1..24 (25 on the fall-back day)", row.Raw);
            return false;
        }

        if (!CaisoClock.TryParseWhole(row[2], out var interval) || interval is < 1 or > 12)
        {
            builder.Reject(row.Line, "Interval", $"'{row[2]}' is not a five-minute interval 1..12", row.Raw);
            return false;
        }

        var offset = (interval - 1) * FiveMinutes;
        // The sheets label the repeated fall-back hour once; a second row with the same label is the repeat.
        var second = CaisoClock.IsRepeated(date, hour, offset, region.TimeZone) && !repeats.Add((date, hour, interval));
        if (!CaisoClock.TryStart(date, hour, offset, second, region.TimeZone, out start, out var reason))
        {
            builder.Reject(row.Line, "Hour", reason, row.Raw);
            return false;
        }

        return true;
    }
}
