using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Eia930;

namespace Curtailment.Ingestion.Tests.Eia930;

public class Eia930ApiImporterTests
{
    private const string Fixture = "Eia930/EIA930_CISO_20211107.json";
    private readonly Eia930ApiImporter _importer = new();

    private static Observation Single(ImportBatch batch, string series, string start) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == TestFiles.Utc(start));

    [Fact]
    public void Parse_ApiAnswer_MapsTypesToSeriesWithHourEndingPeriods()
    {
        var batch = TestFiles.Parse(_importer, Fixture);

        Assert.Empty(batch.Rejected);
        Assert.Equal(9, batch.RowsRead);
        var demand = Single(batch, SeriesIds.Demand, "2021-11-07T07:00:00Z");
        Assert.Equal(20115, demand.Value);
        Assert.Equal("CAISO", demand.Region);
        Assert.Equal(TestFiles.Utc("2021-11-07T09:00:00Z"), demand.PublishedAt);
        Assert.Equal(16480, Single(batch, Eia930ApiImporter.NetGeneration, "2021-11-07T07:00:00Z").Value);
        Assert.Equal(-3635, Single(batch, Eia930ApiImporter.TotalInterchange, "2021-11-07T07:00:00Z").Value);
        // A number, not a string, and known at 10:00 Pacific the day before.
        var forecast = Single(batch, SeriesIds.DemandForecastDayAhead, "2021-11-07T07:00:00Z");
        Assert.Equal(19870, forecast.Value);
        Assert.Equal(TestFiles.Utc("2021-11-06T17:00:00Z"), forecast.PublishedAt);
    }

    [Fact]
    public void Parse_NullValueAndRepeatedRecord_NeitherStoredTwiceNorRejected()
    {
        var batch = TestFiles.Parse(_importer, Fixture);

        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.DemandForecastDayAhead && o.IntervalStart == TestFiles.Utc("2021-11-07T09:00:00Z"));
        Assert.Single(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart == TestFiles.Utc("2021-11-07T10:00:00Z"));
        // The fall-back night in California is plain UTC hours here: four distinct demand hours.
        Assert.Equal(4, batch.Observations.Count(o => o.Series == SeriesIds.Demand));
    }

    [Fact]
    public void Parse_BadRecords_RejectedNamingRecordAndField()
    {
        const string text = """
            {"response": {"data": [
              {"period": "2021-11-07 08:00", "respondent": "CISO", "type": "D", "value": "1"},
              {"period": "2021-11-07T08", "respondent": "PJM", "type": "D", "value": "1"},
              {"period": "2021-11-07T08", "respondent": "CISO", "type": "X", "value": "1"},
              {"period": "2021-11-07T08", "respondent": "CISO", "type": "D", "value": "many"},
              {"period": "2021-11-07T09", "respondent": "CISO", "type": "D", "value": "5"}
            ]}}
            """;

        var batch = TestFiles.ParseText(_importer, text, "EIA930_CISO_20211107.json");

        Assert.Equal([(1, "period"), (2, "respondent"), (3, "type"), (4, "value")], batch.Rejected.Select(r => (r.Line, r.Column)));
        Assert.Contains("record 4", batch.Rejected[3].Reason, StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(batch.Observations).Value);
    }

    [Fact]
    public void Parse_NotTheApiShape_FailsAtLineOneColumnOne()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.ParseText(_importer, "{\"data\": []}", "x.json"));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("response.data", error.Message, StringComparison.Ordinal);
    }
}
