using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Tests.Feeds;
using static Curtailment.Ingestion.Tests.Caiso.CaisoTestSupport;

namespace Curtailment.Ingestion.Tests.Caiso;

/// <summary>The curtailment-report importer on the report itself: the HTML page (from June 2025) and the PDF.</summary>
public class CaisoRenewablesReportTests
{
    private const string June = "DailyRenewableReportJun15_2025.html";
    private const string FallBack = "DailyRenewableReportNov02_2025.html";
    private readonly CaisoCurtailmentReportImporter _importer = new();

    private static double ValueAt(ImportBatch batch, string series, string start) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == Utc(start)).Value;

    [Fact]
    public void Parse_HtmlPage_ReadsEachHourOfEachArray()
    {
        var batch = ParseFixture(_importer, "Report", June);

        Assert.Empty(batch.Rejected);
        // Hour 11 (10:00-11:00 PDT) is 17:00 UTC.
        Assert.Equal(310.25, ValueAt(batch, "curtailment_solar_economic_local_mw", "2025-06-15T17:00:00Z"));
        Assert.Equal(120.5, ValueAt(batch, "curtailment_solar_economic_system_mw", "2025-06-15T17:00:00Z"));
        Assert.Equal(430.75, ValueAt(batch, SeriesIds.TotalCurtailment, "2025-06-15T17:00:00Z"));
        // The wind array is wrapped in JSON.parse("...").
        Assert.Equal(12.5, ValueAt(batch, SeriesIds.WindCurtailment, "2025-06-15T07:00:00Z"));
        // "NA" is not a value: hour 12 has only the economic-local solar.
        Assert.Equal(402, ValueAt(batch, SeriesIds.SolarCurtailment, "2025-06-15T18:00:00Z"));
        var published = Assert.Single(batch.Observations.Select(o => o.PublishedAt).Distinct());
        Assert.Equal(Utc("2025-06-16T17:00:00Z"), published);
        Assert.Contains(batch.Coverage, c => c.Series == SeriesIds.TotalCurtailment && c.Start == Utc("2025-06-15T07:00:00Z") && c.End == Utc("2025-06-16T07:00:00Z"));
    }

    [Fact]
    public void Parse_HtmlFallBackDay_TwentyFiveHoursCountedFromMidnight()
    {
        var batch = ParseFixture(_importer, "Report", FallBack);

        var totals = batch.Observations.Where(o => o.Series == SeriesIds.TotalCurtailment).Select(o => o.IntervalStart).ToList();
        Assert.Equal(25, totals.Distinct().Count());
        // Midnight PDT is 07:00 UTC; the third hour (wind 7) is the repeated 01:00, now PST, at 09:00 UTC.
        Assert.Equal(7, ValueAt(batch, SeriesIds.WindCurtailment, "2025-11-02T09:00:00Z"));
        Assert.Equal(40, ValueAt(batch, SeriesIds.SolarCurtailment, "2025-11-02T17:00:00Z"));
    }

    [Fact]
    public void Parse_HtmlArrayOfTheWrongLength_FailsNamingLineAndVariable()
    {
        var text = File.ReadAllText(TestData("Report", June)).Replace("[0,0,0,0,0,0,0,0,0,55,", "[0,0,0,0,0,0,0,0,55,", StringComparison.Ordinal);

        var error = Assert.Throws<ImportFormatException>(() => ParseText(_importer, June, text));

        Assert.Equal(9, error.Line);
        Assert.Equal(43, error.Column);
        Assert.Contains("curt_hr_tot_solar_econ_local_mwh has 23 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HtmlNegativeOrTextValue_RejectedNamingTheArrayItem()
    {
        var text = File.ReadAllText(TestData("Report", June)).Replace("310.25", "-3", StringComparison.Ordinal).Replace("380", "lots", StringComparison.Ordinal);

        var batch = ParseText(_importer, June, text);

        Assert.Equal(["curt_hr_tot_solar_econ_local_mwh[10]", "curt_hr_tot_solar_econ_local_mwh[12]"], batch.Rejected.Select(r => r.Column));
        Assert.Equal(9, batch.Rejected[0].Line);
    }

    [Fact]
    public void Parse_PageWithoutArrays_FailsAsNotAReport()
    {
        var error = Assert.Throws<ImportFormatException>(() => ParseText(_importer, June, "<html><body>Coming soon</body></html>"));

        Assert.Contains("not a CAISO daily renewables report", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Pdf_ReadsTheTableRowsAndSkipsTheRest()
    {
        var pdf = ReportPdf.Write(new DateOnly(2017, 3, 1),
        [
            "03/01 9 Economic Local SOLR 120.5 150",
            "03/01 9 SelfSchCut System WIND 10 12",
            "03/01 10 Economic Local SOLR -4 1",
        ]);

        var batch = ParseBytes(_importer, "Wind_SolarReal-TimeDispatchCurtailmentReportMar01_2017.pdf", pdf);

        // Hour 9 (08:00-09:00 PST) is 16:00 UTC.
        Assert.Equal(130.5, ValueAt(batch, SeriesIds.TotalCurtailment, "2017-03-01T16:00:00Z"));
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal("CURTAILED MWH", rejected.Column);
        Assert.Equal(5, rejected.Line);
        Assert.Equal(3, batch.RowsRead);
    }

    [Fact]
    public void Parse_DamagedPdf_FailsNamingTheFile()
    {
        var pdf = ReportPdf.Write(new DateOnly(2017, 3, 1), ["03/01 9 Economic Local SOLR 120.5 150"]);

        var error = Assert.Throws<ImportFormatException>(() => ParseBytes(_importer, "Wind_SolarReal-TimeDispatchCurtailmentReportMar01_2017.pdf", pdf[..(pdf.Length / 3)]));

        Assert.Contains("not a readable PDF", error.Message, StringComparison.Ordinal);
    }
}
