using System.Globalization;
using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Common;
using ExcelDataReader;

namespace Curtailment.Ingestion.Eia930;

/// <summary>The Grid Monitor workbook, read into the same records as a CSV so one row parser serves both.</summary>
public sealed partial class Eia930Importer
{
    private const string DataSheet = "Data";

    private static (CsvLine Header, IEnumerable<CsvLine> Rows, int RowCount) ReadWorkbook(Stream content, string fileName)
    {
        // ExcelDataReader looks up legacy code pages even for xlsx; .NET ships them only on request.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var records = new List<CsvLine>();
        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(content);
            var found = false;
            do
            {
                if (reader.Name.Equals(DataSheet, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    var line = 0;
                    while (reader.Read())
                    {
                        line++;
                        var fields = new string[reader.FieldCount];
                        for (var i = 0; i < fields.Length; i++)
                        {
                            fields[i] = CellText(reader.GetValue(i));
                        }

                        records.Add(new CsvLine(line, fields, string.Join(',', fields)));
                    }
                }
            }
            while (!found && reader.NextResult());

            if (!found)
            {
                throw new ImportFormatException(fileName, 0, null, $"the workbook has no sheet '{DataSheet}' (the Grid Monitor download has one).");
            }
        }
        catch (Exception e) when (e is not ImportFormatException and not OutOfMemoryException)
        {
            // A cut-off download is a broken zip; the reader's own exception types say little to an operator.
            throw new ImportFormatException(fileName, 0, null, $"not a readable xlsx workbook (truncated download?): {e.Message}");
        }

        var headerIndex = records.FindIndex(r => !r.IsBlank);
        if (headerIndex < 0)
        {
            throw new ImportFormatException(fileName, 0, null, $"the sheet '{DataSheet}' is empty.");
        }

        return (records[headerIndex], records.Skip(headerIndex + 1).Where(r => !r.IsBlank), records.Count - headerIndex - 1);
    }

    private static string CellText(object? value) => value switch
    {
        null => string.Empty,
        // Excel stores times as fractional days; round to the second so 04:59:59.9999 reads as 05:00:00.
        DateTime time => new DateTime((time.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
