using Curtailment.Core.Ingest;

namespace Curtailment.Ingestion.Common;

/// <summary>
/// A CSV file read row by row: its header (the first non-blank record) and then its non-blank data rows, the
/// same records <see cref="CsvFile"/> gives but without holding them all. Importers of long files use it so a
/// row's strings die young instead of surviving, with the whole file, into the older GC generations.
/// Opening it checks what <see cref="CsvFile"/>'s callers check first, in the same order: an empty file, a file
/// with no rows, a truncated last record.
/// </summary>
public sealed class CsvRows : IDisposable
{
    private readonly IEnumerator<CsvLine> _records;
    private bool _started;

    private CsvRows(string fileName, IEnumerator<CsvLine> records, CsvLine header, int estimatedRows)
    {
        FileName = fileName;
        _records = records;
        Header = header;
        EstimatedRows = estimatedRows;
    }

    /// <summary>The file's name, for messages.</summary>
    public string FileName { get; }

    /// <summary>The first non-blank record.</summary>
    public CsvLine Header { get; }

    /// <summary>The file's line breaks: about the number of data rows, to size collections with (not a bound).</summary>
    public int EstimatedRows { get; }

    /// <summary>
    /// Opens a CSV stream (UTF-8, BOM tolerated). Throws <see cref="ImportFormatException"/> when the file is
    /// empty, has no rows, or ends mid-record: without a final line break, a last record with fewer fields than
    /// the header.
    /// </summary>
    public static CsvRows Open(Stream content, string fileName)
    {
        var text = CsvFile.ReadText(content, fileName);
        var records = CsvFile.Parse(text).GetEnumerator();
        try
        {
            CsvLine? header = null;
            while (header is null && records.MoveNext())
            {
                header = records.Current.IsBlank ? null : records.Current;
            }

            if (header is null)
            {
                throw new ImportFormatException(fileName, 0, null, "the file has no rows.");
            }

            if (!text.EndsWith('\n'))
            {
                // Rare (a cut-off download, or an editor that drops the last line break), so worth a second pass:
                // the check must come before any row is read, as with CsvFile.
                ThrowIfTruncated(text, fileName, header.Fields.Length);
            }

            return new CsvRows(fileName, records, header, text.AsSpan().Count('\n'));
        }
        catch
        {
            records.Dispose();
            throw;
        }
    }

    /// <summary>The non-blank records after the header, in file order; can be enumerated once.</summary>
    public IEnumerable<CsvLine> Rows()
    {
        if (_started)
        {
            throw new InvalidOperationException("The rows of a CsvRows can be read only once.");
        }

        _started = true;
        return Remaining();
    }

    /// <inheritdoc />
    public void Dispose() => _records.Dispose();

    private IEnumerable<CsvLine> Remaining()
    {
        while (_records.MoveNext())
        {
            if (!_records.Current.IsBlank)
            {
                yield return _records.Current;
            }
        }
    }

    private static void ThrowIfTruncated(string text, string fileName, int expectedFields)
    {
        CsvLine? last = null;
        foreach (var record in CsvFile.Parse(text))
        {
            last = record;
        }

        if (last is not null && last.Fields.Length < expectedFields)
        {
            throw CsvFile.Truncated(fileName, last, expectedFields);
        }
    }
}
