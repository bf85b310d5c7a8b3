using System.Globalization;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoCurtailmentReportImporter
{
    private static readonly string[] CleanedHeader =
    [
        "interval_start_utc", "interval_end_utc", "interval_start_local", "date_local", "hour_ending_local",
        "curtailment_type", "curtailment_reason", "fuel", "curtailed_mwh", "curtailed_mw",
    ];

    /// <summary>
    /// The cleaned long file: already in UTC. Each <c>date_local</c> present is a covered day; days with
    /// no file at the source have no rows and stay unknown.
    /// </summary>
    private static void ParseCleaned(CsvFile csv, int headerIndex, HourlySums sums)
    {
        var header = csv.Records[headerIndex];
        CaisoFiles.RequireHeader(csv.FileName, header, CleanedHeader, "cleaned CAISO hourly curtailment");
        csv.ThrowIfTruncated(header.Fields.Length);
        var builder = sums.Builder;
        for (var i = headerIndex + 1; i < csv.Records.Count; i++)
        {
            var row = csv.Records[i];
            if (row.IsBlank)
            {
                continue;
            }

            builder.CountRow();
            if (!Values.TryParseInstant(row[0], naiveIsUtc: true, out var start))
            {
                builder.Reject(row.Line, CleanedHeader[0], $"'{row[0]}' is not an ISO-8601 instant", row.Raw);
                continue;
            }

            if (!Values.TryParseInstant(row[1], naiveIsUtc: true, out var end) || end <= start)
            {
                builder.Reject(row.Line, CleanedHeader[1], $"'{row[1]}' is not an ISO-8601 instant after the interval start", row.Raw);
                continue;
            }

            if (!DateOnly.TryParseExact(row[3].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                builder.Reject(row.Line, CleanedHeader[3], $"'{row[3]}' is not a yyyy-MM-dd date", row.Raw);
                continue;
            }

            sums.CoverDay(day);
            if (!TryBreakdown(row[7], row[5], row[6], out var fuel, out var series, out var bad))
            {
                var column = bad switch { "fuel" => 7, "type" => 5, _ => 6 };
                builder.Reject(row.Line, CleanedHeader[column], $"'{row[column]}' is not a {bad} label of the report", row.Raw);
                continue;
            }

            if (!TryMwh(row[8], out var mwh, out var problem))
            {
                builder.Reject(row.Line, CleanedHeader[8], problem, row.Raw);
                continue;
            }

            if (mwh is null)
            {
                // Not available: read, but neither a value nor an error.
                continue;
            }

            // MWh over the interval divided by its hours is its average MW (the same number for an hour).
            sums.Add(row, CleanedHeader[8], fuel, series, start, end - start, mwh.Value / (end - start).TotalHours);
        }
    }
}
