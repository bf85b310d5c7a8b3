using System.Globalization;

namespace Curtailment.Ingestion.Common;

/// <summary>
/// The first three columns of the cleaned European files: <c>interval_start_utc, interval_end_utc,
/// interval_start_local</c>. The local start is redundant with the UTC start, so it is checked rather than used: a
/// row whose two starts disagree (a wrong offset on a clock-change day, an edited cell) cannot say which is right.
/// </summary>
internal static class UtcIntervalColumns
{
    /// <summary>How many leading columns this reads.</summary>
    public const int Count = 3;

    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>
    /// The row's interval start, or false after rejecting the row: too few fields, an unreadable start or end, an
    /// interval that is not <paramref name="length"/> long, or a local start that is not the UTC start on
    /// <paramref name="zone"/>'s clock.
    /// </summary>
    public static bool TryRead(CsvLine row, CsvLine header, TimeSpan length, TimeZoneInfo zone, BatchBuilder builder, out DateTimeOffset start)
    {
        if (row.Fields.Length < header.Fields.Length)
        {
            builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {header.Fields.Length}", row.Raw);
            start = default;
            return false;
        }

        if (!Values.TryParseInstant(row[0], naiveIsUtc: true, out start))
        {
            builder.Reject(row.Line, header[0], $"'{row[0].Trim()}' is not an ISO-8601 instant", row.Raw);
            return false;
        }

        if (!Values.TryParseInstant(row[1], naiveIsUtc: true, out var end) || end - start != length)
        {
            builder.Reject(row.Line, header[1], $"'{row[1].Trim()}' is not the interval's end: the file's intervals are {length.TotalMinutes:0} minutes long", row.Raw);
            return false;
        }

        var localText = row[2].Trim();
        var offset = zone.GetUtcOffset(start);
        if (!DateTimeOffset.TryParseExact(localText, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local != start || local.Offset != offset)
        {
            builder.Reject(row.Line, header[2],
                $"'{localText}' is not the interval start on the {zone.Id} clock: expected {start.ToOffset(offset).ToString(LocalFormat, CultureInfo.InvariantCulture)}", row.Raw);
            return false;
        }

        return true;
    }
}
