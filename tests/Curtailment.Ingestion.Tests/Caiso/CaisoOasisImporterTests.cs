using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Tests.Feeds;
using static Curtailment.Ingestion.Tests.Caiso.CaisoTestSupport;

namespace Curtailment.Ingestion.Tests.Caiso;

public class CaisoOasisImporterTests
{
    private const string Renewables = "20210314_SLD_REN_FCST_DAM.csv";
    private const string Load = "20211107_SLD_FCST_DAM.csv";
    private readonly CaisoOasisImporter _importer = new();

    private static string Text(string name) => File.ReadAllText(TestData("Oasis", name));

    private static Observation Single(ImportBatch batch, string series, string start) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == Utc(start));

    [Fact]
    public void Parse_RenewablesForecast_AddsTheHubsUpIntoTheFeatureSeries()
    {
        var batch = ParseFixture(_importer, "Oasis", Renewables);

        Assert.Empty(batch.Rejected);
        Assert.Equal(13, batch.RowsRead);
        var wind = Single(batch, SeriesIds.WindForecastDayAhead, "2021-03-14T08:00:00Z");
        Assert.Equal(310.5 + 1200.25 + 40, wind.Value);
        Assert.Equal(TimeSpan.FromHours(1), wind.Duration);
        // Known at 10:00 Pacific (PST, before the clocks changed) the day before.
        Assert.Equal(Utc("2021-03-13T18:00:00Z"), wind.PublishedAt);
        Assert.Equal("caiso-oasis", wind.Source);
        Assert.Equal(11000, Single(batch, SeriesIds.SolarForecastDayAhead, "2021-03-14T20:00:00Z").Value);
        // The ACTUAL row is not a forecast.
        Assert.Equal(4, batch.Observations.Count);
    }

    [Fact]
    public void Parse_ZipAsOasisSendsIt_SameObservationsAsTheCsv()
    {
        var csv = ParseFixture(_importer, "Oasis", Renewables);
        var zip = ParseBytes(_importer, "20210314_SLD_REN_FCST_DAM.zip", FeedTestSupport.Zip("a.csv", File.ReadAllBytes(TestData("Oasis", Renewables))));

        Assert.Equal(csv.Observations.Select(o => (o.Series, o.IntervalStart, o.Value)), zip.Observations.Select(o => (o.Series, o.IntervalStart, o.Value)));
    }

    [Fact]
    public void Parse_ZipWithOasisError_FailsQuotingTheError()
    {
        var zip = FeedTestSupport.Zip("INVALID_REQUEST.xml", File.ReadAllBytes(TestData("Oasis", "INVALID_REQUEST.xml")));

        var error = Assert.Throws<ImportFormatException>(() => ParseBytes(_importer, "x.zip", zip));

        Assert.Contains("code 1000: No data returned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HourLackingAHub_RejectsThatHourOnly()
    {
        var text = string.Join('\n', Text(Renewables).Split('\n').Where(l => !l.Contains("T20:00:00-00:00,2021-03-14T21:00:00-00:00,2021-03-14,13,SP15,Wind", StringComparison.Ordinal)));

        var batch = ParseText(_importer, Renewables, text);

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal("TRADING_HUB", rejected.Column);
        Assert.Contains("lacks hub SP15", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.WindForecastDayAhead && o.IntervalStart == Utc("2021-03-14T20:00:00Z"));
        Assert.Equal(3, batch.Observations.Count);
    }

    [Fact]
    public void Parse_BadMwAndUnknownType_RejectedNamingColumns()
    {
        var lines = Text(Renewables).Split('\n');
        lines[1] = lines[1].Replace(",0,DAM,", ",-5,DAM,", StringComparison.Ordinal);
        lines[4] = lines[4].Replace(",Wind,", ",Hydro,", StringComparison.Ordinal);

        var batch = ParseText(_importer, Renewables, string.Join('\n', lines));

        Assert.Contains(batch.Rejected, r => r.Line == 2 && r.Column == "MW");
        Assert.Contains(batch.Rejected, r => r.Line == 5 && r.Column == "RENEWABLE_TYPE");
    }

    [Fact]
    public void Parse_LoadForecastOnFallBackDay_KeepsTheIsoTotalForEachUtcHour()
    {
        var batch = ParseFixture(_importer, "Oasis", Load);

        Assert.Empty(batch.Rejected);
        Assert.Equal([19870.0, 19410, 19102], batch.Observations.Select(o => o.Value));
        Assert.All(batch.Observations, o => Assert.Equal(SeriesIds.DemandForecastDayAhead, o.Series));
        // 08:00 and 09:00 UTC are the two 01:00 hours of 7 November 2021 in California.
        Assert.Equal(3, batch.Observations.Select(o => o.IntervalStart).Distinct().Count());
    }

    [Fact]
    public void Parse_NotOasis_FailsNamingFirstColumn()
    {
        var error = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "x.csv", "Time,Solar\n00:05,1\n"));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("INTERVALSTARTTIME_GMT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoadLayoutWithoutArea_FailsNamingTheMissingColumn()
    {
        var text = "INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,MARKET_RUN_ID,MW\n2021-11-07T08:00:00-00:00,2021-11-07T09:00:00-00:00,DAM,1\n";

        var error = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "x.csv", text));

        Assert.Contains("TAC_AREA_NAME", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Parse_Utf8Bom_Tolerated()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(File.ReadAllBytes(TestData("Oasis", Load))).ToArray();

        Assert.Equal(3, ParseBytes(_importer, Load, bytes).Observations.Count);
    }
}
