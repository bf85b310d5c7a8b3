using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;
using static Curtailment.Ingestion.Tests.Caiso.CaisoTestSupport;

namespace Curtailment.Ingestion.Tests.Caiso;

public sealed class CaisoCurtailmentReportImporterTests
{
    private const string Header = ",DATE,HOUR,CURT TYPE,REASON,FUEL TYPE,CURTAILED MWH,CURTAILED MW\n";
    private readonly CaisoCurtailmentReportImporter _importer = new();

    [Fact]
    public void Parse_DailyReport_EmitsBreakdownAndHourlySums()
    {
        var batch = ParseFixture(_importer, "Report", "Apr03_2017_curtailment.csv");

        Assert.Equal("caiso-curtailment-report", batch.Source);
        Assert.Empty(batch.Rejected);
        // Five rows; the SelfSchCut row has no MWH: read, not rejected, no value.
        Assert.Equal(5, batch.RowsRead);
        Assert.Equal(4 + 2 * 3, batch.Observations.Count);
        // Hour-ending 8 on 2017-04-03 = 07:00 PDT = 14:00Z.
        var hour8 = Utc("2017-04-03T14:00:00Z");
        Assert.Equal(250, Value(batch, "curtailment_solar_economic_system_mw", hour8));
        Assert.Equal(30, Value(batch, "curtailment_solar_economic_local_mw", hour8));
        Assert.Equal(280, Value(batch, SeriesIds.SolarCurtailment, hour8));
        Assert.Equal(12, Value(batch, SeriesIds.WindCurtailment, hour8));
        Assert.Equal(292, Value(batch, SeriesIds.TotalCurtailment, hour8));
        Assert.Equal(7, Value(batch, SeriesIds.TotalCurtailment, Utc("2017-04-03T15:00:00Z")));
        Assert.Equal(0, Value(batch, SeriesIds.SolarCurtailment, Utc("2017-04-03T15:00:00Z")));
        Assert.DoesNotContain(batch.Observations, o => o.Series.Contains("selfschcut", StringComparison.Ordinal));
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromHours(1), o.Duration));
        // nextday@10:00: 2017-04-04 10:00 PDT.
        Assert.All(batch.Observations, o => Assert.Equal(Utc("2017-04-04T17:00:00Z"), o.PublishedAt));
    }

    [Fact]
    public void Parse_DailyReport_CoversTheFileDay()
    {
        var batch = ParseFixture(_importer, "Report", "Apr03_2017_curtailment.csv");

        Assert.Equal(3, batch.Coverage.Count);
        Assert.All(batch.Coverage, c => Assert.Equal(Utc("2017-04-03T07:00:00Z"), c.Start));
        Assert.All(batch.Coverage, c => Assert.Equal(Utc("2017-04-04T07:00:00Z"), c.End));
        Assert.All(batch.Coverage, c => Assert.Equal(Utc("2017-04-04T17:00:00Z"), c.PublishedAt));
    }

    [Fact]
    public void Parse_DailyReportWithoutRows_StillCoversItsDay()
    {
        var batch = ParseFixture(_importer, "Report", "Apr05_2017_curtailment.csv");

        Assert.Empty(batch.Observations);
        Assert.Equal(0, batch.RowsRead);
        Assert.Equal(3, batch.Coverage.Count);
        Assert.All(batch.Coverage, c => Assert.Equal(Utc("2017-04-05T07:00:00Z"), c.Start));
    }

    [Fact]
    public void Parse_RowErrors_RejectsEachRowWithLineColumnAndReason()
    {
        var batch = ParseFixture(_importer, "Report", "Apr04_2017_curtailment.csv");

        Assert.Equal(10, batch.RowsRead);
        Assert.Equal(
            [(3, "DATE"), (4, "CURTAILED MWH"), (5, "CURTAILED MWH"), (6, "HOUR"), (7, "HOUR"), (8, "FUEL TYPE"), (9, "CURTAILED MWH"), (11, "DATE")],
            batch.Rejected.Select(r => (r.Line, r.Column)).ToArray());
        Assert.Equal("2017-04-05 is outside the file's day 2017-04-04", batch.Rejected[0].Reason);
        Assert.Equal("'abc' is not a number", batch.Rejected[1].Reason);
        Assert.Equal("negative curtailment -3 MWh", batch.Rejected[2].Reason);
        Assert.Contains("with a different value: 120 here, 100 on line 2", batch.Rejected[6].Reason, StringComparison.Ordinal);
        Assert.Equal("'4-4' is not a MM/DD date", batch.Rejected[7].Reason);
        // The exact repeat on line 10 is summed once.
        Assert.Equal(100, Value(batch, SeriesIds.SolarCurtailment, Utc("2017-04-04T16:00:00Z")));
        Assert.Equal(4, batch.Observations.Count);
    }

    [Fact]
    public void Parse_SpringForwardDay_RejectsTheSkippedHour()
    {
        var batch = ParseFixture(_importer, "Report", "Mar12_2017_curtailment.csv");

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(3, rejected.Line);
        Assert.Equal("HOUR", rejected.Column);
        Assert.Contains("does not exist in America/Los_Angeles", rejected.Reason, StringComparison.Ordinal);
        // Hour 2 = 01:00 PST, hour 4 = 03:00 PDT.
        Assert.Equal([Utc("2017-03-12T09:00:00Z"), Utc("2017-03-12T10:00:00Z")], Starts(batch, SeriesIds.TotalCurtailment));
    }

    [Fact]
    public void Parse_FallBackDay_ReadsRepeatedHourAsFirstOccurrenceThenSecond()
    {
        var batch = ParseFixture(_importer, "Report", "Nov06_2016_curtailment.csv");

        Assert.Empty(batch.Rejected);
        // Hour 2 = 01:00 PDT; the same row again and hour 25 = 01:00 PST; hour 3 = 02:00 PST.
        Assert.Equal(7, Value(batch, "curtailment_wind_economic_local_mw", Utc("2016-11-06T08:00:00Z")));
        Assert.Equal(8, Value(batch, "curtailment_wind_economic_local_mw", Utc("2016-11-06T09:00:00Z")));
        Assert.Equal(9, Value(batch, "curtailment_wind_economic_system_mw", Utc("2016-11-06T09:00:00Z")));
        Assert.Equal(17, Value(batch, SeriesIds.TotalCurtailment, Utc("2016-11-06T09:00:00Z")));
        Assert.Equal(10, Value(batch, SeriesIds.TotalCurtailment, Utc("2016-11-06T10:00:00Z")));
        Assert.Equal(Utc("2016-11-07T08:00:00Z"), batch.Coverage[0].End);
    }

    [Fact]
    public void Parse_RawPdfConversion_SkipsPreambleAndPageText()
    {
        var batch = ParseFixture(_importer, "Report", "Wind_SolarReal-TimeDispatchCurtailmentReportMar02_2017.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(3, batch.RowsRead);
        // "1 Economic": hour 1 = 00:00 PST = 08:00Z.
        Assert.Equal(2, Value(batch, "curtailment_wind_economic_local_mw", Utc("2017-03-02T08:00:00Z")));
        Assert.Equal(600, Value(batch, SeriesIds.SolarCurtailment, Utc("2017-03-02T16:00:00Z")));
        Assert.Equal(12, Value(batch, "curtailment_solar_selfschcut_local_mw", Utc("2017-03-02T17:00:00Z")));
        Assert.Equal(3, batch.Coverage.Count);
    }

    [Fact]
    public void Parse_CleanedFile_SkipsMissingMwhAndCoversEachListedDate()
    {
        var batch = ParseFixture(_importer, "Report", "caiso_curtailment_hourly_by_type_sample.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(4, batch.RowsRead);
        Assert.Equal(42.5, Value(batch, SeriesIds.TotalCurtailment, Utc("2016-07-01T15:00:00Z")));
        Assert.Equal(2.5, Value(batch, "curtailment_wind_exdispatch_system_mw", Utc("2016-07-01T15:00:00Z")));
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart == Utc("2016-07-01T16:00:00Z"));
        // 1 and 3 July; 2 July has no rows and stays unknown.
        Assert.Equal(
            [Utc("2016-07-01T07:00:00Z"), Utc("2016-07-03T07:00:00Z")],
            batch.Coverage.Select(c => c.Start).Distinct().ToArray());
        Assert.Equal(6, batch.Coverage.Count);
    }

    [Fact]
    public void Parse_MissingTable_ThrowsAskingForTheHeader()
    {
        var e = Assert.Throws<ImportFormatException>(() =>
            ParseText(_importer, "Apr03_2017_curtailment.csv", "Wind and Solar Curtailment April 03, 2017\n0,04/03,8,Economic,System,SOLR,1,\n"));

        Assert.Equal(1, e.Line);
        Assert.Contains("no curtailment report table found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OutlookFile_ThrowsBecauseTheLayoutDiffers()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseFixture(_importer, "Outlook", "sources", "20210105.csv"));

        Assert.Contains("no curtailment report table found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndatedFileName_ThrowsAskingForADatedName()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "curtailment.csv", Header + "0,04/03,8,Economic,System,SOLR,1,\n"));

        Assert.Equal(0, e.Line);
        Assert.Contains("MonDD_YYYY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedLastLine_Throws()
    {
        var e = Assert.Throws<ImportFormatException>(() =>
            ParseText(_importer, "Apr03_2017_curtailment.csv", Header + "0,04/03,8,Economic,System,SOLR,250.0,600.0\n1,04/03,8,Econ"));

        Assert.Equal(3, e.Line);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    private static double Value(ImportBatch batch, string series, DateTimeOffset start) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == start).Value;

    private static DateTimeOffset[] Starts(ImportBatch batch, string series) =>
        batch.Observations.Where(o => o.Series == series).Select(o => o.IntervalStart).Order().ToArray();
}
