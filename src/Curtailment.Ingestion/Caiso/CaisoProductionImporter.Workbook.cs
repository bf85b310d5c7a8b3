using System.Globalization;
using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Common;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoProductionImporter
{
    private const string ProductionSheetName = "Production";
    private const string CurtailmentsSheetName = "Curtailments";

    /// <summary>
    /// The yearly workbook, streamed row by row (a year of 5-minute production is 105k rows). Rows become
    /// the same text fields a CSV export has, so both paths share one set of rules.
    /// </summary>
    private void ParseWorkbook(Stream buffer, Region region, BatchBuilder builder)
    {
        // ExcelDataReader's configuration defaults to code page 1252, which .NET only has through the
        // code-pages provider; registering it again is a no-op.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var fileName = builder.FileName;
        var sheetsSeen = new List<string>();
        var sawProduction = false;
        var sawCurtailments = false;
        try
        {
            using var reader = ExcelReaderFactory.CreateReader(buffer);
            do
            {
                var name = (reader.Name ?? string.Empty).Trim();
                sheetsSeen.Add(name);
                var isProduction = name.Equals(ProductionSheetName, StringComparison.OrdinalIgnoreCase);
                var isCurtailments = name.Equals(CurtailmentsSheetName, StringComparison.OrdinalIgnoreCase);
                if (!isProduction && !isCurtailments)
                {
                    continue;
                }

                sawProduction |= isProduction;
                sawCurtailments |= isCurtailments;
                ReadSheet(reader, $"{fileName}[{name}]", isProduction, region, builder);
            }
            while (reader.NextResult());
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or IOException)
        {
            throw new ImportFormatException(fileName, 0, null, $"not a readable xlsx workbook: {e.Message}");
        }

        foreach (var (seen, sheet) in new[] { (sawProduction, ProductionSheetName), (sawCurtailments, CurtailmentsSheetName) })
        {
            if (!seen)
            {
                throw new ImportFormatException(fileName, 0, null,
                    $"the workbook has no '{sheet}' sheet (sheets found: {string.Join(", ", sheetsSeen)}).");
            }
        }
    }

    private static void ReadSheet(IExcelDataReader reader, string sheetName, bool isProduction, Region region, BatchBuilder builder)
    {
        ISheet? sheet = null;
        var rowNumber = 0;
        while (reader.Read())
        {
            rowNumber++;
            var fields = new string[reader.FieldCount];
            var blank = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Cell(reader.GetValue(i), i == 0);
                blank &= fields[i].Length == 0;
            }

            if (blank)
            {
                continue;
            }

            var row = new CsvLine(rowNumber, fields, string.Join(',', fields));
            if (sheet is null)
            {
                sheet = isProduction
                    ? new ProductionSheet(sheetName, row, region, builder)
                    : new CurtailmentSheet(sheetName, row, region, builder);
                continue;
            }

            sheet.Read(row);
        }

        if (sheet is null)
        {
            throw new ImportFormatException(sheetName, 0, null, "the sheet is empty.");
        }

        sheet.Finish();
    }

    /// <summary>
    /// A cell as the CSV export would spell it. The Date column may hold a real date, a date serial
    /// number (a cell not formatted as a date) or text.
    /// </summary>
    private static string Cell(object? value, bool isDateColumn) => value switch
    {
        null => string.Empty,
        DateTime date => CaisoDates.Format(date),
        double serial when isDateColumn && serial > 0 && serial < 2958466 => CaisoDates.Format(DateTime.FromOADate(serial)),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
