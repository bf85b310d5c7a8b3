using System.Globalization;
using System.Text.RegularExpressions;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoOutlookImporter
{
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm"];

    private static SeriesColumn[] DailyColumnsOf(string fileName, CsvLine header)
    {
        var columns = new List<SeriesColumn>();
        for (var i = 1; i < header.Fields.Length; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!DailyColumns.TryGetValue(name, out var series))
            {
                throw new ImportFormatException(fileName, header.Line, i + 1,
                    $"unexpected column '{name}' in a CAISO Today's Outlook file (known: {string.Join(", ", DailyColumns.Keys)}).");
            }

            columns.Add(new SeriesColumn(i, name, series, TimingOf(series)));
        }

        if (columns.Count == 0)
        {
            throw new ImportFormatException(fileName, header.Line, 2, "the header names no series after 'Time'.");
        }

        return [.. columns];
    }

    /// <summary>
    /// A day file. <c>Time</c> is the wall-clock END of the interval: the first <c>00:00</c> row is the
    /// previous day's last interval, a trailing <c>00:00</c> row the one ending at the next midnight.
    /// </summary>
    private static void ParseDaily(CsvFile csv, int headerIndex, SeriesColumn[] columns, DateOnly day, Region region, BatchBuilder builder)
    {
        var zone = region.TimeZone;
        var values = new double?[columns.Length];
        var needDayAhead = Array.Exists(columns, c => c.Timing == Timing.DayAhead);
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        var pastMidnight = false;
        var repeats = new HashSet<TimeOnly>();
        for (var i = headerIndex + 1; i < csv.Records.Count; i++)
        {
            var row = csv.Records[i];
            if (row.IsBlank)
            {
                continue;
            }

            builder.CountRow();
            if (!TimeOnly.TryParseExact(row[0].Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                || time.Second != 0 || time.Minute % 5 != 0)
            {
                builder.Reject(row.Line, "Time", $"'{row[0]}' is not a 5-minute wall-clock time HH:MM", row.Raw);
                continue;
            }

            DateTime endWallClock;
            if (time == TimeOnly.MinValue)
            {
                endWallClock = pastMidnight ? midnight.AddDays(1) : midnight;
            }
            else
            {
                pastMidnight = true;
                endWallClock = midnight + time.ToTimeSpan();
            }

            if (!TryReadValues(row, columns, values, builder, out var any) || !any)
            {
                // All blank: the spring-forward day lists its skipped 02:xx rows with no values.
                continue;
            }

            if (LocalClock.IsNonexistent(endWallClock, zone))
            {
                if (IsPlaceholder(values))
                {
                    // demand.csv fills its skipped 02:xx rows with a 0 hour-ahead forecast: a placeholder, not data.
                    continue;
                }

                builder.Reject(row.Line, "Time",
                    $"{endWallClock:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (clocks spring forward), yet the row has values", row.Raw);
                continue;
            }

            // The repeated fall-back hour is listed once (first occurrence); a second listing is the repeat.
            var second = LocalClock.IsAmbiguous(endWallClock, zone) && !repeats.Add(time);
            var end = LocalClock.ToUtc(endWallClock, zone, second ? AmbiguousTime.Later : AmbiguousTime.Earlier);
            AddRow(row, columns, values, region, end - FiveMinutes, end, null, builder, needDayAhead);
        }
    }

    private static bool IsPlaceholder(double?[] values)
    {
        foreach (var value in values)
        {
            if (value is { } v && v != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The file's day: <c>YYYYMMDD.csv</c>, or <c>fuelsource.csv</c>/<c>demand.csv</c> in a folder named
    /// <c>YYYYMMDD</c> (CAISO's own history URLs).
    /// </summary>
    private static DateOnly FileDay(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        var match = EightDigits().Match(name);
        if (match.Success && TryDay(match.Value, out var day))
        {
            return day;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(fileName) ?? string.Empty);
        if (folder is not null && EightDigits().Match(folder) is { Success: true } m && m.Value == folder && TryDay(folder, out day))
        {
            return day;
        }

        throw new ImportFormatException(fileName, 0, null,
            "cannot tell the day of this Today's Outlook file: name it YYYYMMDD.csv (20200308.csv), or keep fuelsource.csv/demand.csv in a folder named YYYYMMDD.");
    }

    private static bool TryDay(string digits, out DateOnly day) =>
        DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    [GeneratedRegex(@"(?<!\d)\d{8}(?!\d)")]
    private static partial Regex EightDigits();
}
