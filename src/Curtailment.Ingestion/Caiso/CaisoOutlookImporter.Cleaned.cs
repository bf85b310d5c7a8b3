using System.Globalization;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoOutlookImporter
{
    private const string QaFlags = "qa_flags";
    private const string CleanedStart = "interval_start_utc";

    /// <summary>Columns of the cleaned file that are neither series nor notes.</summary>
    private static readonly string[] CleanedTextColumns = [CleanedStart, "interval_end_utc", "interval_end_local", "dst_flag"];

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

    /// <summary>
    /// A cleaned year: already in UTC; <c>qa_flags</c> travels with each value as its note. False when the
    /// text is not the cleaned layout. A year is ~105k rows x 17 series, so rows are split by hand over
    /// spans and duplicates are found per row start rather than per cell. The files are written unquoted.
    /// </summary>
    private static bool TryParseCleaned(string text, string fileName, Region region, BatchBuilder builder)
    {
        var lines = new LineCursor(text);
        if (!TryCleanedHeader(ref lines, text, fileName, out var header))
        {
            return false;
        }

        var (columns, noteIndex) = CleanedColumns(fileName, header);
        var state = new CleanedRows(columns, noteIndex, header.Fields.Length, region, builder);
        // One observation per cell: size the list once instead of growing it through ~2M adds.
        state.Observations.Capacity = Math.Max(state.Observations.Capacity, text.AsSpan().Count('\n') * columns.Length);
        while (lines.NextNonBlank(out var line, out var lineNumber))
        {
            var count = line.Split(state.Ranges, ',');
            if (lines.AtEnd && !lines.EndsWithNewline && count < state.Width)
            {
                throw new ImportFormatException(fileName, lineNumber, count,
                    $"the file is truncated: the last line has {count} of {state.Width} fields and no line break.");
            }

            builder.CountRow();
            if (TryCleanedRow(line, lineNumber, count, state, out var start, out var end))
            {
                AddCleanedRow(line, lineNumber, count, start, end, state);
            }
        }

        return true;
    }

    /// <summary>The header line when the text is the cleaned layout; a quote anywhere fails the file.</summary>
    private static bool TryCleanedHeader(ref LineCursor lines, string text, string fileName, out CsvLine header)
    {
        header = null!;
        if (!lines.NextNonBlank(out var headerSpan, out var headerLine)
            || !headerSpan.TrimStart().StartsWith(CleanedStart, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var headerText = headerSpan.ToString();
        header = new CsvLine(headerLine, headerText.Split(','), headerText);
        var quote = text.IndexOf('"', StringComparison.Ordinal);
        if (quote >= 0)
        {
            // A wrong header is the more useful message, so the columns are checked first.
            CleanedColumns(fileName, header);
            throw new ImportFormatException(fileName, text.AsSpan(0, quote).Count('\n') + 1, null,
                "the cleaned CAISO Outlook layout is unquoted CSV; this file has a quote character.");
        }

        return true;
    }

    /// <summary>
    /// Reads a row's interval and values into <see cref="CleanedRows.Values"/>; false when the row was rejected or
    /// has no value at all.
    /// </summary>
    private static bool TryCleanedRow(ReadOnlySpan<char> line, int lineNumber, int count, CleanedRows state, out DateTimeOffset start, out DateTimeOffset end)
    {
        var builder = state.Builder;
        end = default;
        if (!TryInstant(Field(line, state.Ranges, count, 0), out start))
        {
            builder.Reject(lineNumber, CleanedStart, $"'{Field(line, state.Ranges, count, 0)}' is not an ISO-8601 instant", line.ToString());
            return false;
        }

        if (!TryInstant(Field(line, state.Ranges, count, 1), out end) || end <= start)
        {
            builder.Reject(lineNumber, "interval_end_utc", $"'{Field(line, state.Ranges, count, 1)}' is not an ISO-8601 instant after the interval start", line.ToString());
            return false;
        }

        var any = false;
        for (var c = 0; c < state.Columns.Length; c++)
        {
            var cell = Field(line, state.Ranges, count, state.Columns[c].Index).Trim();
            if (cell.IsEmpty)
            {
                state.Values[c] = null;
            }
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                state.Values[c] = number;
                any = true;
            }
            else
            {
                builder.Reject(lineNumber, state.Columns[c].Name, $"'{Field(line, state.Ranges, count, state.Columns[c].Index)}' is not a number", line.ToString());
                return false;
            }
        }

        return any;
    }

    /// <summary>
    /// Adds the row's values; a row start seen before adds only series the earlier row lacks, and a different value
    /// for one it has rejects the row from that column on.
    /// </summary>
    private static void AddCleanedRow(ReadOnlySpan<char> line, int lineNumber, int count, DateTimeOffset start, DateTimeOffset end, CleanedRows state)
    {
        var noteSpan = state.NoteIndex >= 0 ? Field(line, state.Ranges, count, state.NoteIndex).Trim() : [];
        var note = noteSpan.IsEmpty ? null : noteSpan.ToString();
        var publishedDayAhead = state.NeedDayAhead ? PublicationRule.DayAheadTen.PublishedAt(start, end, state.Region.TimeZone) : default;
        var publishedHourAhead = start - HourAheadLead;
        var duration = end - start;
        var observations = state.Observations;
        var key = start.UtcTicks;
        var repeat = state.Rows.TryGetValue(key, out var earlier);
        var first = observations.Count;
        for (var c = 0; c < state.Columns.Length; c++)
        {
            if (state.Values[c] is not { } value)
            {
                continue;
            }

            var column = state.Columns[c];
            if (repeat && Conflicts(observations, earlier, column.Series, value, out var previous))
            {
                if (previous is { } p)
                {
                    state.Builder.Reject(lineNumber, column.Name,
                        $"duplicate key ({column.Series} at {start:yyyy-MM-ddTHH:mm:ssK}) with a different value: {value} here, {p} on line {earlier.Line}",
                        line.ToString());
                    break;
                }

                continue;
            }

            var published = column.Timing switch
            {
                Timing.DayAhead => publishedDayAhead,
                Timing.HourAhead => publishedHourAhead,
                _ => end,
            };
            observations.Add(new Observation(state.Region.Id, column.Series, start, duration, value, state.Builder.Source, published, note));
        }

        if (!repeat)
        {
            state.Rows.Add(key, (first, observations.Count - first, lineNumber));
        }
    }

    /// <summary>
    /// For a repeated row start: true when the earlier row already has the series (then
    /// <paramref name="previous"/> is its value if it differs, null if it is the same value).
    /// </summary>
    private static bool Conflicts(List<Observation> observations, (int First, int Count, int Line) earlier, string series, double value, out double? previous)
    {
        previous = null;
        for (var i = earlier.First; i < earlier.First + earlier.Count; i++)
        {
            if (observations[i].Series == series)
            {
                previous = observations[i].Value.Equals(value) ? null : observations[i].Value;
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> line, Range[] ranges, int count, int index) =>
        index < count ? line[ranges[index]] : [];

    private static bool TryInstant(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        // The cleaned files write 2020-01-01T08:00:00+00:00; anything else takes the general parser.
        if (DateTimeOffset.TryParseExact(text.Trim(), "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant))
        {
            return true;
        }

        return Values.TryParseInstant(text.ToString(), naiveIsUtc: true, out instant);
    }

    /// <summary>What the rows of one cleaned file share while they are read.</summary>
    private sealed class CleanedRows(SeriesColumn[] columns, int noteIndex, int width, Region region, BatchBuilder builder)
    {
        public SeriesColumn[] Columns { get; } = columns;

        public int NoteIndex { get; } = noteIndex;

        public int Width { get; } = width;

        public Region Region { get; } = region;

        public BatchBuilder Builder { get; } = builder;

        public List<Observation> Observations => Builder.Batch.Observations;

        public bool NeedDayAhead { get; } = Array.Exists(columns, c => c.Timing == Timing.DayAhead);

        /// <summary>Field ranges of the current line, reused.</summary>
        public Range[] Ranges { get; } = new Range[width + 1];

        /// <summary>Values of the current line, one per series column, reused.</summary>
        public double?[] Values { get; } = new double?[columns.Length];

        /// <summary>Each row start seen, with where its observations sit in the batch, for the duplicate-key rule.</summary>
        public Dictionary<long, (int First, int Count, int Line)> Rows { get; } = [];
    }

    /// <summary>Walks the lines of a text with 1-based line numbers, skipping blank ones.</summary>
    private ref struct LineCursor(string text)
    {
        private readonly string _text = text;
        private int _position;
        private int _line;

        public readonly bool AtEnd => _position >= _text.Length;

        public readonly bool EndsWithNewline => _text.EndsWith('\n');

        public bool NextNonBlank(out ReadOnlySpan<char> line, out int lineNumber)
        {
            while (_position < _text.Length)
            {
                var rest = _text.AsSpan(_position);
                var newline = rest.IndexOf('\n');
                var length = newline < 0 ? rest.Length : newline;
                line = rest[..length].TrimEnd('\r');
                _position += newline < 0 ? rest.Length : length + 1;
                lineNumber = ++_line;
                if (!IsBlank(line))
                {
                    return true;
                }
            }

            line = default;
            lineNumber = _line;
            return false;
        }

        private static bool IsBlank(ReadOnlySpan<char> line)
        {
            foreach (var ch in line)
            {
                if (ch != ',' && !char.IsWhiteSpace(ch))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
