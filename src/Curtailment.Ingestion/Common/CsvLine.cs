namespace Curtailment.Ingestion.Common;

/// <summary>One parsed CSV record with where it came from.</summary>
public sealed class CsvLine
{
    private readonly string? _text;
    private readonly int _start;
    private readonly int _length;
    private string? _raw;

    /// <summary>A record whose text is already at hand (workbook rows, a split header).</summary>
    /// <param name="line">1-based line number of the record's first line.</param>
    /// <param name="fields">The fields, unquoted.</param>
    /// <param name="raw">The record's text as in the file (without the line break).</param>
    public CsvLine(int line, string[] fields, string raw)
    {
        Line = line;
        Fields = fields;
        _raw = raw;
    }

    /// <summary>
    /// A record that is a slice of the file's text. The slice is only copied out when <see cref="Raw"/> is read,
    /// which is for rejected rows and messages: most rows never need their text.
    /// </summary>
    internal CsvLine(int line, string[] fields, string text, int start, int length)
    {
        Line = line;
        Fields = fields;
        _text = text;
        _start = start;
        _length = length;
    }

    /// <summary>1-based line number of the record's first line.</summary>
    public int Line { get; }

    /// <summary>The fields, unquoted.</summary>
    public string[] Fields { get; }

    /// <summary>The record's text as in the file (without the line break).</summary>
    public string Raw => _raw ??= _text!.AsSpan(_start, _length).TrimEnd("\r\n").ToString();

    /// <summary>The field at a 0-based index, or empty when the row is shorter.</summary>
    public string this[int index] => index < Fields.Length ? Fields[index] : string.Empty;

    /// <summary>Whether every field is blank.</summary>
    public bool IsBlank
    {
        get
        {
            foreach (var value in Fields)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
