using System.Globalization;
using System.Text;
using Curtailment.Core.Ingest;
using CsvHelper;
using CsvHelper.Configuration;

namespace Curtailment.Ingestion.Common;

/// <summary>
/// A whole CSV file read into records with line numbers (CsvHelper's parser does the quoting rules).
/// Knows whether the file ends mid-record, which is how importers tell a truncated download from a
/// short row.
/// </summary>
public sealed class CsvFile
{
    private CsvFile(string fileName, List<CsvLine> records, bool endsWithNewline)
    {
        FileName = fileName;
        Records = records;
        EndsWithNewline = endsWithNewline;
    }

    /// <summary>The file's name, for messages.</summary>
    public string FileName { get; }

    /// <summary>All records, blank lines included, in file order.</summary>
    public IReadOnlyList<CsvLine> Records { get; }

    /// <summary>Whether the last byte of the file is a line break.</summary>
    public bool EndsWithNewline { get; }

    /// <summary>Reads a CSV stream (UTF-8, BOM tolerated). An empty file is a structural error.</summary>
    public static CsvFile Read(Stream content, string fileName)
    {
        var text = ReadText(content, fileName);
        return new CsvFile(fileName, [.. Parse(text)], text.EndsWith('\n'));
    }

    /// <summary>The whole stream as text (UTF-8, BOM tolerated); an empty or blank file is a structural error.</summary>
    internal static string ReadText(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!TryDecodeUtf8(content, out var text))
        {
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            text = reader.ReadToEnd();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ImportFormatException(fileName, 0, null, "the file is empty.");
        }

        return text;
    }

    /// <summary>
    /// Decodes a memory stream's bytes in one call, as the reader would (a UTF-8 byte order mark skipped), sparing the
    /// reader's chunked copies of large files. Streams whose buffer is not visible, and UTF-16 and UTF-32 byte order
    /// marks, are left to the reader.
    /// </summary>
    private static bool TryDecodeUtf8(Stream content, out string text)
    {
        text = string.Empty;
        if (content is not MemoryStream memory || !memory.TryGetBuffer(out var buffer))
        {
            return false;
        }

        var bytes = buffer.AsSpan((int)memory.Position);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return false;
        }

        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        text = Encoding.UTF8.GetString(bytes);
        memory.Position = memory.Length;
        return true;
    }

    /// <summary>
    /// Every record of a text, blank lines included, in file order, with its 1-based line number. A record's raw
    /// text is the slice of <paramref name="text"/> the parser consumed for it (its <c>CharCount</c> before and
    /// after), kept as a position until asked for.
    /// </summary>
    internal static IEnumerable<CsvLine> Parse(string text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(new StringReader(text), config);
        var line = 1;
        var start = 0;
        while (parser.Read())
        {
            var end = (int)parser.CharCount;
            yield return new CsvLine(line, parser.Record ?? [], text, start, end - start);
            start = end;
            line = parser.RawRow + 1;
        }
    }

    /// <summary>The index of the first non-blank record, or a structural error when there is none.</summary>
    public int FirstNonBlank()
    {
        for (var i = 0; i < Records.Count; i++)
        {
            if (!Records[i].IsBlank)
            {
                return i;
            }
        }

        throw new ImportFormatException(FileName, 0, null, "the file has no rows.");
    }

    /// <summary>
    /// Throws when the last record is cut short: the file does not end with a line break and the last
    /// record has fewer fields than <paramref name="expectedFields"/>.
    /// </summary>
    public void ThrowIfTruncated(int expectedFields)
    {
        if (Records.Count == 0 || EndsWithNewline)
        {
            return;
        }

        var last = Records[^1];
        if (last.Fields.Length < expectedFields)
        {
            throw Truncated(FileName, last, expectedFields);
        }
    }

    internal static ImportFormatException Truncated(string fileName, CsvLine last, int expectedFields) =>
        new(fileName, last.Line, last.Fields.Length,
            $"the file is truncated: the last line has {last.Fields.Length} of {expectedFields} fields and no line break.");

    /// <summary>
    /// Checks a header against expected column names (case-insensitive, trimmed) and throws naming the
    /// first column that differs.
    /// </summary>
    public void RequireHeader(CsvLine header, IReadOnlyList<string> expected, string layoutName) =>
        RequireHeader(FileName, header, expected, layoutName);

    /// <summary>
    /// Checks a header against expected column names (case-insensitive, trimmed) and throws naming the file and
    /// the first column that differs.
    /// </summary>
    public static void RequireHeader(string fileName, CsvLine header, IReadOnlyList<string> expected, string layoutName)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(expected);
        for (var i = 0; i < expected.Count; i++)
        {
            var actual = header[i].Trim();
            if (!actual.Equals(expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new ImportFormatException(fileName, header.Line, i + 1,
                    $"expected column '{expected[i]}' of the {layoutName} layout, found '{actual}'. Expected header: {string.Join(',', expected)}");
            }
        }
    }
}
