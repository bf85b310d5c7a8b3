using ClosedXML.Excel;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;
using static Curtailment.Ingestion.Tests.Caiso.CaisoTestSupport;

namespace Curtailment.Ingestion.Tests.Caiso;

public sealed class CaisoProductionImporterTests
{
    private const string CurtailmentHeader = "Date,Hour,Interval,Wind Curtailment,Solar Curtailment,\n";
    private readonly CaisoProductionImporter _importer = new();

    [Fact]
    public void Parse_CurtailmentsCsv_EmitsWindSolarAndTotalPerListedInterval()
    {
        var batch = ParseFixture(_importer, "Production", "curtailments_normal.csv");

        Assert.Equal("caiso-production", batch.Source);
        Assert.Empty(batch.Rejected);
        Assert.Equal(3, batch.RowsRead);
        Assert.Equal(9, batch.Observations.Count);
        // 1/5/2021 hour-ending 8, interval 2 = 07:05 PST = 15:05Z; empty wind is zero.
        var start = Utc("2021-01-05T15:05:00Z");
        Assert.Equal(0, Value(batch, SeriesIds.WindCurtailment, start));
        Assert.Equal(15.5, Value(batch, SeriesIds.SolarCurtailment, start));
        Assert.Equal(15.5, Value(batch, SeriesIds.TotalCurtailment, start));
        Assert.Equal(12.25, Value(batch, SeriesIds.TotalCurtailment, Utc("2021-01-05T15:10:00Z")));
        // Hour-ending 12, interval 12 = 11:55 PST; the stray 6th column (7) is ignored.
        Assert.Equal(4, Value(batch, SeriesIds.TotalCurtailment, Utc("2021-01-07T19:55:00Z")));
        var first = batch.Observations.First(o => o.IntervalStart == start);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Duration);
        Assert.Equal("CAISO", first.Region);
        // nextday@10:00 Pacific: 2021-01-06 10:00 PST.
        Assert.Equal(Utc("2021-01-06T18:00:00Z"), first.PublishedAt);
    }

    [Fact]
    public void Parse_CurtailmentsCsv_CoversEveryLocalDayFromFirstToLast()
    {
        var batch = ParseFixture(_importer, "Production", "curtailments_normal.csv");

        // 5, 6 and 7 January (the 6th lists nothing: zero curtailment), three series each.
        Assert.Equal(9, batch.Coverage.Count);
        var sixth = batch.Coverage.Where(c => c.Start == Utc("2021-01-06T08:00:00Z")).ToList();
        Assert.Equal(3, sixth.Count);
        Assert.All(sixth, c => Assert.Equal(Utc("2021-01-07T08:00:00Z"), c.End));
        Assert.All(sixth, c => Assert.Equal(Utc("2021-01-07T18:00:00Z"), c.PublishedAt));
        Assert.Equal(
            [SeriesIds.WindCurtailment, SeriesIds.SolarCurtailment, SeriesIds.TotalCurtailment],
            sixth.Select(c => c.Series).ToArray());
    }

    [Fact]
    public void Parse_SpringForwardDay_RejectsTheSkippedHour()
    {
        var batch = ParseFixture(_importer, "Production", "curtailments_spring_forward.csv");

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(3, rejected.Line);
        Assert.Equal("Hour", rejected.Column);
        Assert.Contains("does not exist", rejected.Reason, StringComparison.Ordinal);
        // Hour 2 interval 12 = 01:55 PST; hour 4 interval 1 = 03:00 PDT.
        Assert.Equal([Utc("2021-03-14T09:55:00Z"), Utc("2021-03-14T10:00:00Z")], Starts(batch, SeriesIds.TotalCurtailment));
        // The 23-hour day is covered exactly.
        var span = batch.Coverage.First();
        Assert.Equal(Utc("2021-03-14T08:00:00Z"), span.Start);
        Assert.Equal(Utc("2021-03-15T07:00:00Z"), span.End);
    }

    [Fact]
    public void Parse_FallBackDay_ReadsRepeatedHourAsFirstOccurrenceThenSecond()
    {
        var batch = ParseFixture(_importer, "Production", "curtailments_fall_back.csv");

        Assert.Empty(batch.Rejected);
        // 00:55 PDT, 01:00 PDT (first), 01:00 PST (same label again), 01:05 PST (hour 25), 02:00 PST.
        Assert.Equal(
            [Utc("2021-11-07T07:55:00Z"), Utc("2021-11-07T08:00:00Z"), Utc("2021-11-07T09:00:00Z"), Utc("2021-11-07T09:05:00Z"), Utc("2021-11-07T10:00:00Z")],
            Starts(batch, SeriesIds.WindCurtailment));
        Assert.Equal(2, Value(batch, SeriesIds.WindCurtailment, Utc("2021-11-07T08:00:00Z")));
        Assert.Equal(3, Value(batch, SeriesIds.WindCurtailment, Utc("2021-11-07T09:00:00Z")));
        var span = batch.Coverage.First();
        Assert.Equal(Utc("2021-11-08T08:00:00Z"), span.End);
        Assert.Equal(Utc("2021-11-08T18:00:00Z"), span.PublishedAt);
    }

    [Fact]
    public void Parse_RowErrors_RejectsEachRowWithLineColumnAndReason()
    {
        var batch = ParseFixture(_importer, "Production", "curtailments_row_errors.csv");

        Assert.Equal(9, batch.RowsRead);
        Assert.Equal(
            [(3, "Solar Curtailment"), (4, "Wind Curtailment"), (5, "Hour"), (6, "Interval"), (7, "Date"), (8, "Solar Curtailment"), (10, "Hour")],
            batch.Rejected.Select(r => (r.Line, r.Column)).ToArray());
        Assert.Equal("'abc' is not a number", batch.Rejected[0].Reason);
        Assert.Equal("negative curtailment -4 MW", batch.Rejected[1].Reason);
        Assert.Contains("with a different value: 21 here, 20 on line 2", batch.Rejected[5].Reason, StringComparison.Ordinal);
        Assert.Contains("not a daylight-saving fall-back day", batch.Rejected[6].Reason, StringComparison.Ordinal);
        Assert.Equal("2/1/2021,10,2,,abc,", batch.Rejected[0].RawText);
        // Only line 2 survives; its exact repeat on line 9 is kept once.
        Assert.Equal(3, batch.Observations.Count);
        Assert.Equal(20, Value(batch, SeriesIds.SolarCurtailment, Utc("2021-02-01T17:00:00Z")));
    }

    [Fact]
    public void Parse_ProductionSheetCsv_MapsColumnsToSeriesPublishedInRealTime()
    {
        var batch = ParseFixture(_importer, "Production", "production_sheet.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(2, batch.RowsRead);
        // 10 series on row 1; Net Load empty on row 2; the balance-check column is not a series.
        Assert.Equal(19, batch.Observations.Count);
        Assert.DoesNotContain(batch.Observations, o => o.Series.Contains("less", StringComparison.Ordinal));
        var load = Assert.Single(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart == Utc("2021-01-05T08:00:00Z"));
        Assert.Equal(21000.5, load.Value);
        Assert.Equal(Utc("2021-01-05T08:05:00Z"), load.PublishedAt);
        Assert.Equal(-150, Value(batch, SeriesIds.Imports, Utc("2021-01-05T08:05:00Z")));
        Assert.Equal(1500, Value(batch, "large_hydro_mw", Utc("2021-01-05T08:00:00Z")));
        Assert.Empty(batch.Coverage);
    }

    [Fact]
    public void Parse_CleanedFile_UsesUtcColumnsAndCoversItsDays()
    {
        var batch = ParseFixture(_importer, "Production", "caiso_curtailment_5min_sample.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(6, batch.Observations.Count);
        Assert.Equal(3.25, Value(batch, SeriesIds.TotalCurtailment, Utc("2021-01-06T20:00:00Z")));
        Assert.Equal(1.25, Value(batch, SeriesIds.WindCurtailment, Utc("2021-01-06T20:00:00Z")));
        Assert.Equal(Utc("2021-01-07T18:00:00Z"), batch.Observations.First(o => o.IntervalStart == Utc("2021-01-06T20:00:00Z")).PublishedAt);
        Assert.Equal(6, batch.Coverage.Count);
    }

    [Fact]
    public void Parse_MissingHeader_ThrowsOnFirstLine()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "c.csv", "1/5/2021,8,2,,15.5,\n"));

        Assert.Equal(1, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("'1/5/2021'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OutlookFile_ThrowsBecauseTheLayoutDiffers()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseFixture(_importer, "Outlook", "demand", "20210105.csv"));

        Assert.Equal(1, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("found 'Time'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedLastLine_Throws()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "c.csv", CurtailmentHeader + "1/5/2021,8,2,,15.5,\n1/5/2021,8,3,,1"));

        Assert.Equal(3, e.Line);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Workbook_ReadsBothSheetsWithRealAndTextDates()
    {
        var bytes = Workbook(withProduction: true, withCurtailments: true);

        var batch = ParseBytes(_importer, "ProductionAndCurtailmentsData_2021.xlsx", bytes);

        Assert.Empty(batch.Rejected);
        Assert.Equal(4, batch.RowsRead);
        // Curtailments: a DateTime cell (1/5/2021 h8 i2) and a text cell (1/6/2021 h13 i1).
        Assert.Equal(15.5, Value(batch, SeriesIds.TotalCurtailment, Utc("2021-01-05T15:05:00Z")));
        Assert.Equal(3.25, Value(batch, SeriesIds.TotalCurtailment, Utc("2021-01-06T20:00:00Z")));
        Assert.Equal(Utc("2021-01-06T18:00:00Z"), batch.Observations.First(o => o.Series == SeriesIds.TotalCurtailment).PublishedAt);
        // Production: realtime.
        var load = Assert.Single(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart == Utc("2021-01-05T08:00:00Z"));
        Assert.Equal(21000, load.Value);
        Assert.Equal(Utc("2021-01-05T08:05:00Z"), load.PublishedAt);
        Assert.Equal(6, batch.Coverage.Count);
    }

    [Fact]
    public void Parse_WorkbookUnderCsvName_IsDetectedByContent()
    {
        var batch = ParseBytes(_importer, "export.csv", Workbook(withProduction: true, withCurtailments: true));

        Assert.Contains(batch.Observations, o => o.Series == SeriesIds.TotalCurtailment);
    }

    [Fact]
    public void Parse_WorkbookWithoutCurtailmentsSheet_ThrowsNamingTheSheet()
    {
        var e = Assert.Throws<ImportFormatException>(() =>
            ParseBytes(_importer, "ProductionAndCurtailmentsData_2021.xlsx", Workbook(withProduction: true, withCurtailments: false)));

        Assert.Contains("no 'Curtailments' sheet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WorkbookWithoutProductionSheet_ThrowsNamingTheSheet()
    {
        var e = Assert.Throws<ImportFormatException>(() =>
            ParseBytes(_importer, "ProductionAndCurtailmentsData_2021.xlsx", Workbook(withProduction: false, withCurtailments: true)));

        Assert.Contains("no 'Production' sheet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WorkbookRowError_RejectsWithSheetRowNumber()
    {
        var bytes = Workbook(withProduction: true, withCurtailments: true, extraCurtailmentRow: ["1/7/2021", 9, 1, -2, null]);

        var batch = ParseBytes(_importer, "ProductionAndCurtailmentsData_2021.xlsx", bytes);

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Equal("Wind Curtailment", rejected.Column);
        Assert.Equal("negative curtailment -2 MW", rejected.Reason);
    }

    private static double Value(ImportBatch batch, string series, DateTimeOffset start) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == start).Value;

    private static DateTimeOffset[] Starts(ImportBatch batch, string series) =>
        batch.Observations.Where(o => o.Series == series).Select(o => o.IntervalStart).Order().ToArray();

    /// <summary>A small workbook in CAISO's layout, written with ClosedXML.</summary>
    private static byte[] Workbook(bool withProduction, bool withCurtailments, object?[]? extraCurtailmentRow = null)
    {
        using var workbook = new XLWorkbook();
        workbook.AddWorksheet("Readme").Cell(1, 1).Value = "This file contains two sets of information.";
        if (withProduction)
        {
            var sheet = workbook.AddWorksheet("Production");
            string[] header = ["Date", "Hour", "Interval", "Load", "Solar", "Wind", "Net Load", "Renewables", "Nuclear", "Large Hydro", "Imports", "Generation", "Thermal", "Load Less (Generation+Imports)"];
            for (var i = 0; i < header.Length; i++)
            {
                sheet.Cell(1, i + 1).Value = header[i];
            }

            object[][] rows =
            [
                [new DateTime(2021, 1, 5), 1, 1, 21000, -30, 1200, 19830, 4100, 2260, 1500, 7000, 14000, 6140, 0],
                [new DateTime(2021, 1, 5), 1, 2, 20950, -30, 1210, 19770, 4120, 2260, 1490, 6900, 14050, 6180, 0],
            ];
            Fill(sheet, rows);
        }

        if (withCurtailments)
        {
            var sheet = workbook.AddWorksheet("Curtailments");
            string[] header = ["Date", "Hour", "Interval", "Wind Curtailment", "Solar Curtailment"];
            for (var i = 0; i < header.Length; i++)
            {
                sheet.Cell(1, i + 1).Value = header[i];
            }

            List<object?[]> rows =
            [
                [new DateTime(2021, 1, 5), 8, 2, null, 15.5],
                ["1/6/2021", 13, 1, 1.25, 2],
            ];
            if (extraCurtailmentRow is not null)
            {
                rows.Add(extraCurtailmentRow);
            }

            Fill(sheet, [.. rows]);
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Fill(IXLWorksheet sheet, object?[][] rows)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case DateTime date:
                        sheet.Cell(r + 2, c + 1).Value = date;
                        break;
                    case string text:
                        // Stored as text, as a hand-typed date would be.
                        sheet.Cell(r + 2, c + 1).SetValue(text).SetDataType(XLDataType.Text);
                        break;
                    case var number:
                        sheet.Cell(r + 2, c + 1).Value = Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                }
            }
        }
    }
}
