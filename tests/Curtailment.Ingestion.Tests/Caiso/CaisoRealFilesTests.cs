using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;
using Curtailment.Testing;

namespace Curtailment.Ingestion.Tests.Caiso;

/// <summary>
/// Parses the real files in <c>shared/data/real</c> and checks the numbers its README states. Outside an
/// environment that has the data the tests report skipped, unless
/// <c>CURTAILMENT_REQUIRE_REAL_DATA=1</c> (CI), where missing data is a failure.
/// </summary>
[Trait("Category", "RealData")]
public sealed class CaisoRealFilesTests
{
    private readonly CaisoProductionImporter _production = new();
    private readonly CaisoCurtailmentReportImporter _report = new();
    private readonly CaisoOutlookImporter _outlook = new();

    [Fact]
    public void Parse_JanuaryCurtailmentsCsv_MatchesReadmeEnergy()
    {
        var root = Requires.RealData();

        var batch = Parse(_production, root, "caiso_production_curtailment_5min", "original-sample",
            "ProductionAndCurtailmentsData_2021-Curtailments_JANUARY-2021-ONLY.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(2277, batch.RowsRead);
        var total = batch.Observations.Where(o => o.Series == SeriesIds.TotalCurtailment).ToList();
        Assert.Equal(2277, total.Count);
        Assert.Equal(62_330, total.Sum(o => o.Value * 5 / 60), 0.5 + 0.5);
        Assert.Equal(31 * 3, batch.Coverage.Count);
    }

    [Fact]
    public void Parse_JanToAprCurtailmentsCsvAndCleanedFile_AgreeWithReadmeTotal()
    {
        var root = Requires.RealData();

        var original = Parse(_production, root, "caiso_production_curtailment_5min", "original-sample",
            "ProductionAndCurtailmentsData_2021-Curtailments_JAN-APR-2021.csv");
        var cleaned = Parse(_production, root, "caiso_production_curtailment_5min", "caiso_curtailment_5min_2021-01_2021-04.csv");

        foreach (var batch in new[] { original, cleaned })
        {
            Assert.Empty(batch.Rejected);
            Assert.Equal(13_681, batch.RowsRead);
            Assert.Equal(734_539, Energy(batch, SeriesIds.TotalCurtailment, TimeSpan.FromMinutes(5)), 1.0);
            // January 1 to April 30: 120 days, three series each.
            Assert.Equal(120 * 3, batch.Coverage.Count);
        }
    }

    [Fact]
    public void Parse_CleanedHourlyReport_MatchesReadmeFuelTotals()
    {
        var root = Requires.RealData();

        var batch = Parse(_report, root, "caiso_curtailment_hourly_by_type_2016_2017", "caiso_curtailment_hourly_by_type_2016-06-30_2017-05-10.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(5_656, batch.RowsRead);
        Assert.Equal(315_534, Energy(batch, SeriesIds.SolarCurtailment, TimeSpan.FromHours(1)), 1.0);
        Assert.Equal(89_604, Energy(batch, SeriesIds.WindCurtailment, TimeSpan.FromHours(1)), 1.0);
        Assert.Equal(311_132, Energy(batch, "curtailment_solar_economic_local_mw", TimeSpan.FromHours(1))
            + Energy(batch, "curtailment_solar_economic_system_mw", TimeSpan.FromHours(1)), 1.0);
    }

    [Fact]
    public void Parse_DailyReportSamples_ReadWithoutRejections()
    {
        var root = Requires.RealData();

        var folder = Path.Combine(root, "caiso_curtailment_hourly_by_type_2016_2017", "original-sample");
        var files = Directory.GetFiles(folder, "*.csv");
        Assert.Equal(30, files.Length);
        foreach (var file in files)
        {
            var batch = Parse(_report, file);
            Assert.True(batch.Rejected.Count == 0, $"{file}: {string.Join(" | ", batch.Rejected)}");
            Assert.True(batch.RowsRead > 0, file);
            Assert.Equal(3, batch.Coverage.Count);
        }
    }

    [Fact]
    public void Parse_RawPdfConversion_ReadsTheTableAfterThePreamble()
    {
        var root = Requires.RealData();

        var batch = Parse(_report, root, "caiso_curtailment_hourly_by_type_2016_2017", "original-sample",
            "Wind_SolarReal-TimeDispatchCurtailmentReportMar01_2017.csv");

        Assert.Empty(batch.Rejected);
        // The first table row: 03/01, hour 1, Economic Local WIND, 1 MWh.
        var first = Assert.Single(batch.Observations, o => o.Series == "curtailment_wind_economic_local_mw"
            && o.IntervalStart == CaisoTestSupport.Utc("2017-03-01T08:00:00Z"));
        Assert.Equal(1, first.Value);
        Assert.Equal(CaisoTestSupport.Utc("2017-03-02T18:00:00Z"), first.PublishedAt);
    }

    [Fact]
    public void Parse_OriginalPdf_SameObservationsAsItsCsvConversion()
    {
        var root = Requires.RealData();

        var pdf = Parse(_report, root, "caiso_curtailment_hourly_by_type_2016_2017", "original-sample",
            "Wind_SolarReal-TimeDispatchCurtailmentReportMar01_2017.pdf");
        var csv = Parse(_report, root, "caiso_curtailment_hourly_by_type_2016_2017", "original-sample",
            "Wind_SolarReal-TimeDispatchCurtailmentReportMar01_2017.csv");

        Assert.Empty(pdf.Rejected);
        Assert.Equal(
            csv.Observations.Select(o => (o.Series, o.IntervalStart, o.Value)).Order(),
            pdf.Observations.Select(o => (o.Series, o.IntervalStart, o.Value)).Order());
    }

    [Theory]
    // Rows: header excluded. Intervals: a normal day's file has the previous day's last interval
    // (00:00) and 287 of its own; a 289th row is the interval ending at the next midnight. The
    // spring-forward days list 12 blank 02:xx rows; 2020-11-01 sources ends at 23:00.
    [InlineData("20190101", 288, 288, 289, 289)]
    [InlineData("20200218", 289, 289, 289, 289)]
    [InlineData("20200308", 288, 276, 289, 277)]
    [InlineData("20201101", 277, 277, 289, 289)]
    [InlineData("20210101", 288, 288, 289, 289)]
    [InlineData("20210314", 288, 276, 289, 277)]
    public void Parse_OutlookSampleDay_ReadsEveryRowWithoutRejections(string day, int sourceRows, int sourceIntervals, int demandRows, int demandIntervals)
    {
        var root = Requires.RealData();

        var sources = Parse(_outlook, root, "caiso_outlook_5min", "original-sample", "sources", day + ".csv");
        var demand = Parse(_outlook, root, "caiso_outlook_5min", "original-sample", "demand", day + ".csv");

        Assert.Empty(sources.Rejected);
        Assert.Empty(demand.Rejected);
        Assert.Equal(sourceRows, sources.RowsRead);
        Assert.Equal(demandRows, demand.RowsRead);
        Assert.Equal(sourceIntervals, sources.Observations.Select(o => o.IntervalStart).Distinct().Count());
        Assert.Equal(demandIntervals, demand.Observations.Select(o => o.IntervalStart).Distinct().Count());
    }

    [Fact]
    public void Parse_CleanedOutlook2020_ReadsTheWholeYear()
    {
        var root = Requires.RealData();

        var batch = Parse(_outlook, root, "caiso_outlook_5min", "caiso_outlook_fuelmix_demand_5min_2020.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(105_408, batch.RowsRead);
        Assert.Contains(batch.Observations, o => o.Note == "stale:solar");
    }

    private static ImportBatch Parse(IFileImporter importer, string root, params string[] parts) =>
        Parse(importer, Path.Combine([root, .. parts]));

    private static ImportBatch Parse(IFileImporter importer, string path)
    {
        using var stream = File.OpenRead(path);
        return importer.Parse(stream, new ImportContext(path, CaisoTestSupport.Regions));
    }

    private static double Energy(ImportBatch batch, string series, TimeSpan duration) =>
        batch.Observations.Where(o => o.Series == series).Sum(o => o.Value * duration.TotalHours);
}
