using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoOutlookImporter
{
    private const string QaFlags = "qa_flags";

    /// <summary>Columns of the cleaned file that are neither series nor notes.</summary>
    private static readonly string[] CleanedTextColumns = ["interval_start_utc", "interval_end_utc", "interval_end_local", "dst_flag"];

    private static (SeriesColumn[] Series, int Note) CleanedColumns(string fileName, CsvLine header)
    {
        CaisoFiles.RequireHeader(fileName, header, CleanedTextColumns[..2], "cleaned CAISO Outlook");
        var columns = new List<SeriesColumn>();
        var note = -1;
        for (var i = 2; i < header.Fields.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (name.EndsWith("_mw", StringComparison.Ordinal))
            {
                columns.Add(new SeriesColumn(i, name, name, TimingOf(name)));
            }
            else if (name == QaFlags)
            {
                note = i;
            }
            else if (Array.IndexOf(CleanedTextColumns, name) < 0)
            {
                throw new ImportFormatException(fileName, header.Line, i + 1,
                    $"unexpected column '{header[i].Trim()}' in the cleaned CAISO Outlook layout (series end in _mw; also {string.Join(", ", CleanedTextColumns)}, {QaFlags}).");
            }
        }

        if (columns.Count == 0)
        {
            throw new ImportFormatException(fileName, header.Line, 3, "the cleaned CAISO Outlook header names no _mw series.");
        }

        return ([.. columns], note);
    }

    /// <summary>A cleaned year: already in UTC; <c>qa_flags</c> travels with each value as its note.</summary>
    private static void ParseCleaned(CsvFile csv, int headerIndex, (SeriesColumn[] Series, int Note) layout, Region region, BatchBuilder builder)
    {
        var (columns, noteIndex) = layout;
        var values = new double?[columns.Length];
        var needDayAhead = Array.Exists(columns, c => c.Timing == Timing.DayAhead);
        var records = csv.Records;
        // One observation per cell: size the list once instead of growing it through 2M adds.
        builder.Batch.Observations.Capacity = Math.Max(builder.Batch.Observations.Capacity, (records.Count - headerIndex) * columns.Length);
        for (var i = headerIndex + 1; i < records.Count; i++)
        {
            var row = records[i];
            if (row.IsBlank)
            {
                continue;
            }

            builder.CountRow();
            if (!Values.TryParseInstant(row[0], naiveIsUtc: true, out var start))
            {
                builder.Reject(row.Line, "interval_start_utc", $"'{row[0]}' is not an ISO-8601 instant", row.Raw);
                continue;
            }

            if (!Values.TryParseInstant(row[1], naiveIsUtc: true, out var end) || end <= start)
            {
                builder.Reject(row.Line, "interval_end_utc", $"'{row[1]}' is not an ISO-8601 instant after the interval start", row.Raw);
                continue;
            }

            if (!TryReadValues(row, columns, values, builder, out var any) || !any)
            {
                continue;
            }

            var note = noteIndex >= 0 ? row[noteIndex].Trim() : string.Empty;
            AddRow(row, columns, values, region, start, end, note.Length > 0 ? note : null, builder, needDayAhead);
        }
    }
}
