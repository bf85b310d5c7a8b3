using System.Globalization;
using System.Text;

namespace Curtailment.ReplayServer.Data;

/// <summary>
/// The rows of one cleaned dataset of <c>shared/data/real</c> (one or more CSV files with a header row, no quoted
/// fields), held in memory as the files' bytes and sorted by one time column, so the rows of any span are found by
/// binary search and split into fields only when served.
/// </summary>
internal sealed class CleanedTable
{
    private readonly List<(string Path, byte[] Bytes, Dictionary<string, int> Columns)> _files = [];
    private (int File, int Offset, int Length, int Line)[] _rows = [];
    private long[] _keys = [];

    private CleanedTable()
    {
    }

    /// <summary>The rows, in key order.</summary>
    public int Count => _rows.Length;

    /// <summary>The key (UTC) of row <paramref name="row"/>.</summary>
    public DateTimeOffset Key(int row) => new(_keys[row], TimeSpan.Zero);

    /// <summary>
    /// Loads the files in <paramref name="folder"/> that match <paramref name="pattern"/>, keyed by the instant in
    /// <paramref name="keyColumn"/> (ISO-8601 with an offset) plus <paramref name="keyShift"/>.
    /// </summary>
    public static CleanedTable Load(string folder, string pattern, string keyColumn, TimeSpan keyShift = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"replay data folder '{folder}' does not exist (expected shared/data/real/{Path.GetFileName(folder)}).");
        }

        var paths = Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).ToArray();
        if (paths.Length == 0)
        {
            throw new FileNotFoundException($"no file matching '{pattern}' in '{folder}'.");
        }

        var table = new CleanedTable();
        Span<char> chars = stackalloc char[64];
        var rows = new List<(int, int, int, int)>();
        var keys = new List<long>();
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            var fileIndex = table._files.Count;
            var offset = 0;
            var line = 0;
            Dictionary<string, int>? columns = null;
            var keyIndex = -1;
            while (offset < bytes.Length)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', offset);
                var length = (end < 0 ? bytes.Length : end) - offset;
                if (length > 0 && bytes[offset + length - 1] == '\r')
                {
                    length--;
                }

                line++;
                if (length > 0 && columns is null)
                {
                    var text = Encoding.UTF8.GetString(bytes, offset, length);
                    var names = text.TrimStart('\uFEFF').Split(',');
                    columns = names.Select((n, i) => (n.Trim(), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.OrdinalIgnoreCase);
                    keyIndex = columns.TryGetValue(keyColumn, out var k)
                        ? k
                        : throw new InvalidDataException($"{path}: line 1: no '{keyColumn}' column (header: {text}).");
                    table._files.Add((path, bytes, columns));
                }
                else if (length > 0)
                {
                    // Only the key is decoded now; the rest of a row waits until it is served.
                    var field = Field(bytes.AsSpan(offset, length), keyIndex);
                    var count = field.Length <= 64 ? Encoding.UTF8.GetChars(field, chars) : 0;
                    if (!DateTimeOffset.TryParseExact(chars[..count], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var key))
                    {
                        throw new InvalidDataException(
                            $"{path}: line {line}, column {keyIndex + 1} ({keyColumn}): '{Encoding.UTF8.GetString(field)}' is not an ISO-8601 instant with an offset.");
                    }

                    rows.Add((fileIndex, offset, length, line));
                    keys.Add((key + keyShift).UtcTicks);
                }

                offset += (end < 0 ? bytes.Length : end + 1) - offset;
            }
        }

        table._rows = [.. rows];
        table._keys = [.. keys];
        // The files are each sorted and do not overlap; sorting again costs little and makes that an assumption no more.
        Array.Sort(table._keys, table._rows);
        return table;
    }

    /// <summary>The rows whose key is in <c>[from, to)</c>, as an index range.</summary>
    public (int From, int To) Range(DateTimeOffset from, DateTimeOffset to) => (LowerBound(from.UtcTicks), LowerBound(to.UtcTicks));

    /// <summary>Whether any row's key is in <c>[from, to)</c>.</summary>
    public bool Any(DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b) = Range(from, to);
        return b > a;
    }

    /// <summary>Row <paramref name="row"/> split into fields, with its file's column names.</summary>
    public CleanedRow Row(int row)
    {
        var (file, offset, length, line) = _rows[row];
        var (path, bytes, columns) = _files[file];
        return new CleanedRow(Encoding.UTF8.GetString(bytes, offset, length).Split(','), columns, path, line);
    }

    private int LowerBound(long ticks)
    {
        var index = Array.BinarySearch(_keys, ticks);
        if (index < 0)
        {
            return ~index;
        }

        // Equal keys (none expected) are all kept: step back to the first.
        while (index > 0 && _keys[index - 1] == ticks)
        {
            index--;
        }

        return index;
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int index)
    {
        for (var i = 0; i < index; i++)
        {
            var comma = line.IndexOf((byte)',');
            if (comma < 0)
            {
                return [];
            }

            line = line[(comma + 1)..];
        }

        var end = line.IndexOf((byte)',');
        return end < 0 ? line : line[..end];
    }
}
