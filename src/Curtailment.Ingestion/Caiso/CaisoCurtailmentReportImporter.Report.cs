using System.Globalization;
using System.Text.RegularExpressions;
using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoCurtailmentReportImporter
{
    private static readonly string[] TableColumns = ["DATE", "HOUR", "CURT TYPE", "REASON", "FUEL TYPE", "CURTAILED MWH", "CURTAILED MW"];

    /// <summary>The PDF converter runs the HOUR and CURT TYPE cells together ("1 Economic").</summary>
    private static readonly string[] MergedTableColumns = ["DATE", "HOUR CURT TYPE", "REASON", "FUEL TYPE", "CURTAILED MWH", "CURTAILED MW"];

    /// <summary>A daily report (per-day CSV or raw PDF conversion): find the table, then read it.</summary>
    private static void ParseReport(CsvFile csv, int firstIndex, HourlySums sums)
    {
        var headerIndex = FindTable(csv, firstIndex);
        var header = csv.Records[headerIndex];
        var dateColumn = Array.FindIndex(header.Fields, f => f.Trim().Equals("DATE", StringComparison.OrdinalIgnoreCase));
        var merged = header[dateColumn + 1].Trim().Equals(MergedTableColumns[1], StringComparison.OrdinalIgnoreCase);
        CaisoFiles.RequireHeader(csv.FileName, header, merged ? MergedTableColumns : TableColumns, "CAISO curtailment report", dateColumn);
        csv.ThrowIfTruncated(header.Fields.Length);

        var day = FileDay(csv.FileName);
        // The file's day is covered even when the report lists no curtailment at all.
        sums.CoverDay(day);
        // Without the row-index column the file is a PDF conversion: page footers and repeated headers
        // sit between table rows and are text, not data.
        var pdfText = dateColumn == 0;
        var repeats = new HashSet<(int, string, string, string)>();
        for (var i = headerIndex + 1; i < csv.Records.Count; i++)
        {
            var row = csv.Records[i];
            var dateText = row[dateColumn].Trim();
            if (row.IsBlank || dateText.Equals("DATE", StringComparison.OrdinalIgnoreCase)
                || (pdfText && (dateText.Length == 0 || !char.IsAsciiDigit(dateText[0]))))
            {
                continue;
            }

            sums.Builder.CountRow();
            ReadReportRow(row, dateColumn, merged, day, repeats, sums);
        }
    }

    private static void ReadReportRow(CsvLine row, int d, bool merged, DateOnly day, HashSet<(int, string, string, string)> repeats, HourlySums sums)
    {
        var builder = sums.Builder;
        string hourText;
        string type;
        if (merged)
        {
            var parts = row[d + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            hourText = parts.Length > 0 ? parts[0] : string.Empty;
            type = parts.Length == 2 ? parts[1] : string.Empty;
        }
        else
        {
            hourText = row[d + 1];
            type = row[d + 2];
        }

        var next = merged ? d + 2 : d + 3;
        var reason = row[next];
        var fuelText = row[next + 1];
        var mwhText = row[next + 2];

        if (!TryMonthDay(row[d], day.Year, out var date))
        {
            builder.Reject(row.Line, "DATE", $"'{row[d]}' is not a MM/DD date", row.Raw);
            return;
        }

        if (date != day)
        {
            builder.Reject(row.Line, "DATE", $"{CaisoClock.Iso(date)} is outside the file's day {CaisoClock.Iso(day)}", row.Raw);
            return;
        }

        var hourColumn = merged ? "HOUR CURT TYPE" : "HOUR";
        if (!CaisoClock.TryParseWhole(hourText, out var hour) || hour is < 1 or > 25)
        {
            builder.Reject(row.Line, hourColumn, $"'{hourText}' is not an hour-ending 1..24 (25 on the fall-back day)", row.Raw);
            return;
        }

        if (!TryBreakdown(fuelText, type, reason, out var fuel, out var series, out var bad))
        {
            var (column, text) = bad switch
            {
                "fuel" => ("FUEL TYPE", fuelText),
                "type" => (merged ? "HOUR CURT TYPE" : "CURT TYPE", type),
                _ => ("REASON", reason),
            };
            builder.Reject(row.Line, column, $"'{text}' is not a {bad} label of the report", row.Raw);
            return;
        }

        if (!TryMwh(mwhText, out var mwh, out var problem))
        {
            builder.Reject(row.Line, "CURTAILED MWH", problem, row.Raw);
            return;
        }

        if (mwh is null)
        {
            // Not available: read, but neither a value nor an error.
            return;
        }

        // The report labels the repeated fall-back hour once; the same row again means the repeat.
        var second = CaisoClock.IsRepeated(date, hour, TimeSpan.Zero, sums.Region.TimeZone)
            && !repeats.Add((hour, type.Trim().ToLowerInvariant(), reason.Trim().ToLowerInvariant(), fuel));
        if (!CaisoClock.TryStart(date, hour, TimeSpan.Zero, second, sums.Region.TimeZone, out var start, out var reasonText))
        {
            builder.Reject(row.Line, hourColumn, reasonText, row.Raw);
            return;
        }

        sums.Add(row, "CURTAILED MWH", fuel, series, start, OneHour, mwh.Value);
    }

    /// <summary>The table header: the first row with a DATE cell. Everything before it is preamble.</summary>
    private static int FindTable(CsvFile csv, int firstIndex)
    {
        for (var i = firstIndex; i < csv.Records.Count; i++)
        {
            foreach (var field in csv.Records[i].Fields)
            {
                if (field.Trim().Equals("DATE", StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        throw new ImportFormatException(csv.FileName, csv.Records[firstIndex].Line, null,
            $"no curtailment report table found: expected a header row {string.Join(',', TableColumns)} (after an optional preamble), found '{csv.Records[firstIndex].Raw}' first.");
    }

    /// <summary>The report's day from its file name (<c>Apr01_2017_curtailment.csv</c>, <c>...ReportMar01_2017.csv</c>).</summary>
    private static DateOnly FileDay(string fileName)
    {
        var match = DatedName().Match(Path.GetFileName(fileName));
        if (match.Success
            && DateOnly.TryParseExact($"{match.Groups["mon"].Value}{match.Groups["day"].Value}_{match.Groups["year"].Value}", "MMMdd_yyyy",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        throw new ImportFormatException(fileName, 0, null,
            "cannot tell the report's day: DATE has no year, so the file name must carry the date as MonDD_YYYY (Apr01_2017_curtailment.csv).");
    }

    private static bool TryMonthDay(string text, int year, out DateOnly date)
    {
        date = default;
        var parts = text.Trim().Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth)
            && month is >= 1 and <= 12
            && dayOfMonth >= 1 && dayOfMonth <= DateTime.DaysInMonth(year, month)
            && (date = new DateOnly(year, month, dayOfMonth)) != default;
    }

    [GeneratedRegex(@"(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?<day>\d{2})_(?<year>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex DatedName();
}
