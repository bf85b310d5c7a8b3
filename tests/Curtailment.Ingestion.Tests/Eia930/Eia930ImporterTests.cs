using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Eia930;

namespace Curtailment.Ingestion.Tests.Eia930;

public class Eia930ImporterTests
{
    private readonly Eia930Importer _importer = new();

    private static Observation Single(ImportBatch batch, string series, string startUtc) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == TestFiles.Utc(startUtc));

    [Fact]
    public void Parse_CleanedFile_MapsSeriesInstantsAndPublication()
    {
        var batch = TestFiles.Parse(_importer, "Eia930/eia930_demand_CISO_hourly.csv");

        Assert.Equal("eia930", batch.Source);
        Assert.Equal(4, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(9, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal("CAISO", o.Region));
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromHours(1), o.Duration));

        var demand = Single(batch, SeriesIds.Demand, "2019-07-01T07:00:00Z");
        Assert.Equal(30100, demand.Value);
        Assert.Equal(TestFiles.Utc("2019-07-01T09:00:00Z"), demand.PublishedAt);
        Assert.Equal("OKAY", demand.Note);

        // Interval starts 00:00 PDT on 1 July: the BA's forecast was known at 10:00 PDT on 30 June.
        var forecast = Single(batch, SeriesIds.DemandForecastDayAhead, "2019-07-01T07:00:00Z");
        Assert.Equal(29000, forecast.Value);
        Assert.Equal(TestFiles.Utc("2019-06-30T17:00:00Z"), forecast.PublishedAt);
        Assert.Null(forecast.Note);

        // A known spike is stored as published, flagged by the dataset's label.
        var spike = Single(batch, SeriesIds.Demand, "2019-07-01T08:00:00Z");
        Assert.Equal(15, spike.Value);
        Assert.Equal("DELTA", spike.Note);
        Assert.Equal(28200, Single(batch, Eia930Importer.DemandCleaned, "2019-07-01T08:00:00Z").Value);

        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart == TestFiles.Utc("2019-07-01T09:00:00Z"));
        Assert.Equal(TestFiles.Utc("2025-01-01T00:00:00Z"), Single(batch, SeriesIds.Demand, "2024-12-31T22:00:00Z").PublishedAt);
    }

    [Fact]
    public void Parse_EiaReleaseLayout_ReadsHourEndingAndSkipsMissingLiterals()
    {
        var batch = TestFiles.Parse(_importer, "Eia930/release_2020_Oct_balancing_authorities_CISO.sample.csv");

        Assert.Equal(3, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(6, batch.Observations.Count);

        // "2015-07-02 00:00:00" ends the hour that starts 23:00 UTC the day before.
        var demand = Single(batch, SeriesIds.Demand, "2015-07-01T23:00:00Z");
        Assert.Equal(38000, demand.Value);
        Assert.Equal(TestFiles.Utc("2015-07-02T01:00:00Z"), demand.PublishedAt);
        Assert.Equal(TestFiles.Utc("2015-06-30T17:00:00Z"), Single(batch, SeriesIds.DemandForecastDayAhead, "2015-07-01T23:00:00Z").PublishedAt);

        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart >= TestFiles.Utc("2015-07-14T00:00:00Z"));
        Assert.Equal("MISSING", Single(batch, Eia930Importer.DemandCleaned, "2015-07-14T12:00:00Z").Note);
        Assert.Equal(24500, Single(batch, SeriesIds.DemandForecastDayAhead, "2015-07-14T12:00:00Z").Value);
        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.DemandForecastDayAhead && o.IntervalStart == TestFiles.Utc("2015-07-14T13:00:00Z"));
    }

    [Fact]
    public void Parse_EiaDemandLayout_StoresNegativeAndRejectsBadTime()
    {
        var batch = TestFiles.Parse(_importer, "Eia930/original_eia_files_ERCO.sample.csv");

        Assert.Equal(4, batch.RowsRead);
        Assert.Equal(2, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal("ERCOT", o.Region));
        Assert.Equal(-5, Single(batch, SeriesIds.Demand, "2020-01-01T01:00:00Z").Value);

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(5, rejected.Line);
        Assert.Equal("date_time", rejected.Column);
        Assert.Contains("2020-01-01 3:00", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GridMonitorCsv_MapsFuelsAndRejectsUnknownBa()
    {
        var batch = TestFiles.Parse(_importer, "Eia930/eia930_SWPP_gridmonitor_sample.csv");

        Assert.Equal(3, batch.RowsRead);
        Assert.Equal(20, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal("SPP", o.Region));
        Assert.Equal(450, Single(batch, "ng_solar_mw", "2023-06-01T17:00:00Z").Value);
        Assert.Equal(0, Single(batch, "ng_solar_mw", "2023-06-01T04:00:00Z").Value);
        Assert.Equal(9800, Single(batch, "ng_wind_mw", "2023-06-01T17:00:00Z").Value);
        Assert.Equal(35800, Single(batch, SeriesIds.Demand, "2023-06-01T17:00:00Z").Value);
        Assert.DoesNotContain(batch.Observations, o => o.Series == "ng_unknown_mw");

        // 23:00 CDT on 31 May: forecast known at 10:00 CDT on 30 May.
        var forecast = Single(batch, SeriesIds.DemandForecastDayAhead, "2023-06-01T04:00:00Z");
        Assert.Equal(33000, forecast.Value);
        Assert.Equal(TestFiles.Utc("2023-05-30T15:00:00Z"), forecast.PublishedAt);

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Equal("ba", rejected.Column);
        Assert.Contains("MISO", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GridMonitorWorkbook_ReadsDataSheetWithDateCells()
    {
        var header = new object?[] { "BA", "UTC time", "Local date", "Hour", "Local time", "Time zone", "Generation only?", "DF", "D", "NG", "TI",
            "Imputed D", "Imputed NG", "Imputed TI", "Adjusted D", "Adjusted NG", "Adjusted TI",
            "NG: COL", "NG: NG", "NG: NUC", "NG: OIL", "NG: WAT", "NG: SUN", "NG: WND", "NG: OTH", "NG: UNK" };
        var row = new object?[] { "SWPP", new DateTime(2023, 6, 1, 18, 0, 0), new DateTime(2023, 6, 1), 13.0, new DateTime(2023, 6, 1, 13, 0, 0), "Central", "No",
            36000.0, 35800.0, 36100.0, 300.0, null, null, null, 35800.0, 36100.0, 300.0,
            9000.0, 14000.0, 1900.0, 10.0, 900.0, 450.0, 9800.0, 45.0, null };
        var bytes = WorkbookFixture.Write("Data", [header, row]);

        using var stream = new MemoryStream(bytes);
        var batch = _importer.Parse(stream, new Core.Ingest.ImportContext("EIA930_gridmonitor_SWPP.xlsx", TestFiles.Regions));

        Assert.Equal(1, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(10, batch.Observations.Count);
        Assert.Equal(35800, Single(batch, SeriesIds.Demand, "2023-06-01T17:00:00Z").Value);
        Assert.Equal(450, Single(batch, "ng_solar_mw", "2023-06-01T17:00:00Z").Value);
        Assert.Equal(TestFiles.Utc("2023-06-01T19:00:00Z"), Single(batch, "ng_solar_mw", "2023-06-01T17:00:00Z").PublishedAt);
    }

    [Fact]
    public void Parse_WorkbookWithoutDataSheet_ThrowsFormatError()
    {
        var bytes = WorkbookFixture.Write("Sheet1", [["BA", "UTC time", "D"]]);
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<ImportFormatException>(() => _importer.Parse(stream, new ImportContext("EIA930_SWPP.xlsx", TestFiles.Regions)));
        Assert.Contains("'Data'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedWorkbook_ThrowsFormatError()
    {
        var bytes = WorkbookFixture.Write("Data", [["BA", "UTC time", "D"], ["SWPP", new DateTime(2023, 6, 1, 18, 0, 0), 1.0]]);
        using var stream = new MemoryStream(bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ImportFormatException>(() => _importer.Parse(stream, new ImportContext("EIA930_SWPP.xlsx", TestFiles.Regions)));
        Assert.Contains("xlsx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProblemRows_RejectsWithLineColumnAndKeepsSpikes()
    {
        var batch = TestFiles.Parse(_importer, "Eia930/eia930_demand_ERCO_hourly_problems.csv");

        Assert.Equal(7, batch.RowsRead);
        Assert.Equal(3, batch.Observations.Count);
        Assert.Equal(40000, Single(batch, SeriesIds.Demand, "2020-01-01T00:00:00Z").Value);
        Assert.Equal(3600000, Single(batch, SeriesIds.Demand, "2020-01-01T02:00:00Z").Value);
        Assert.Equal(-20, Single(batch, SeriesIds.Demand, "2020-01-01T04:00:00Z").Value);

        Assert.Collection(batch.Rejected,
            r =>
            {
                Assert.Equal(3, r.Line);
                Assert.Equal("demand_mw", r.Column);
                Assert.Contains("'4o000' is not a number", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(5, r.Line);
                Assert.Equal("interval_start_utc", r.Column);
            },
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Contains("duplicate key", r.Reason, StringComparison.Ordinal);
                Assert.Contains("line 2", r.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Parse_MissingHeader_ThrowsNotAnEiaFile()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Eia930/eia930_demand_SWPP_hourly_no_header.csv"));

        Assert.Equal(1, error.Line);
        Assert.Contains("not an EIA-930 file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AemoFile_ThrowsNotAnEiaFile()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1.csv"));

        Assert.Contains("'REGION'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedFile_ThrowsOnLastLine()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Eia930/eia930_demand_CISO_hourly_truncated.csv"));

        Assert.Equal(3, error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoBaInNameAndNoRegion_ThrowsAskingForRegion()
    {
        var error = Assert.Throws<ImportFormatException>(() =>
            TestFiles.Parse(_importer, "Eia930/eia930_demand_CISO_hourly.csv", fileName: "demand.csv"));

        Assert.Contains("--region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoBaInNameWithRegion_UsesGivenRegion()
    {
        var batch = TestFiles.Parse(_importer, "Eia930/eia930_demand_CISO_hourly.csv", fileName: "demand.csv", regionId: "SPP");

        Assert.All(batch.Observations, o => Assert.Equal("SPP", o.Region));
        // Day-ahead publication follows the given region's clock (Central), not California's.
        Assert.Equal(TestFiles.Utc("2019-06-30T15:00:00Z"), Single(batch, SeriesIds.DemandForecastDayAhead, "2019-07-01T07:00:00Z").PublishedAt);
    }

    [Fact]
    public void Parse_NameAndRegionDisagree_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ImportFormatException>(() =>
            TestFiles.Parse(_importer, "Eia930/eia930_demand_CISO_hourly.csv", regionId: "ERCOT"));

        Assert.Contains("CISO", error.Message, StringComparison.Ordinal);
        Assert.Contains("ERCOT", error.Message, StringComparison.Ordinal);
    }
}
