using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Gb;

namespace Curtailment.Ingestion.Tests.Gb;

public class GbForecastImporterTests
{
    private readonly GbForecastImporter _importer = new();

    private static Observation Single(ImportBatch batch, string series, string startUtc) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == TestFiles.Utc(startUtc));

    [Fact]
    public void Parse_Sample_WritesWindAndDemandForecasts()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

        Assert.Equal("gb-forecasts", batch.Source);
        Assert.Equal(8, batch.RowsRead);
        Assert.Equal(10, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal("GB-SCOTLAND", o.Region));
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromMinutes(30), o.Duration));
        Assert.Equal(11400, Single(batch, SeriesIds.WindForecastLatest, "2024-01-01T00:00:00Z").Value);
        Assert.Equal(23000, Single(batch, SeriesIds.DemandForecastDayAhead, "2024-01-01T00:00:00Z").Value);
    }

    [Fact]
    public void Parse_EmptyCells_GiveNoForecast()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.WindForecastLatest && o.IntervalStart == TestFiles.Utc("2024-07-01T12:00:00Z"));
        Assert.Equal(30000, Single(batch, SeriesIds.DemandForecastDayAhead, "2024-07-01T12:00:00Z").Value);
        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.DemandForecastDayAhead && o.IntervalStart == TestFiles.Utc("2024-03-31T01:00:00Z"));
    }

    [Fact]
    public void Parse_WindForecast_PublishedWhenTheIntervalEnds()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

        Assert.All(batch.Observations.Where(o => o.Series == SeriesIds.WindForecastLatest), o => Assert.Equal(o.IntervalEnd, o.PublishedAt));
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00Z", "2023-12-31T20:00:00Z")]
    [InlineData("2024-07-01T12:00:00Z", "2024-06-30T19:00:00Z")]
    [InlineData("2024-10-27T00:30:00Z", "2024-10-26T19:00:00Z")]
    [InlineData("2024-10-27T01:30:00Z", "2024-10-26T19:00:00Z")]
    public void Parse_DemandForecast_PublishedAt20UkTimeTheDayBefore(string startUtc, string publishedUtc)
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

        Assert.Equal(TestFiles.Utc(publishedUtc), Single(batch, SeriesIds.DemandForecastDayAhead, startUtc).PublishedAt);
    }

    [Fact]
    public void Parse_ClockChangeDays_KeepBothRepeatedHalfHoursAndTheSpringRow()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

        // 01:30 BST and 01:30 GMT are an hour apart in UTC; the source gave both the same demand.
        Assert.Equal(7500, Single(batch, SeriesIds.WindForecastLatest, "2024-10-27T00:30:00Z").Value);
        Assert.Equal(9900, Single(batch, SeriesIds.WindForecastLatest, "2024-10-27T01:30:00Z").Value);
        Assert.Equal(21500, Single(batch, SeriesIds.DemandForecastDayAhead, "2024-10-27T01:30:00Z").Value);
        Assert.Equal(5000, Single(batch, SeriesIds.WindForecastLatest, "2024-03-31T01:00:00Z").Value);
    }

    [Fact]
    public void Parse_ProblemRows_RejectedWithReasons()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

        Assert.Collection(batch.Rejected,
            r =>
            {
                Assert.Equal(5, r.Line);
                Assert.Equal("wind_forecast_mw", r.Column);
                Assert.Contains("negative", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Equal("demand_forecast_mw", r.Column);
                Assert.Contains("'abc' is not a number", r.Reason, StringComparison.Ordinal);
            });
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart == TestFiles.Utc("2024-07-01T13:00:00Z"));
    }

    [Fact]
    public void Parse_BadLocalStart_Rejected()
    {
        var text = "interval_start_utc,interval_end_utc,interval_start_local,wind_forecast_mw,demand_forecast_mw,qa_flags\n"
            + "2024-07-01T12:00:00+00:00,2024-07-01T12:30:00+00:00,2024-07-01T12:00:00+00:00,1,2,\n";

        var batch = TestFiles.ParseText(_importer, text, "forecasts.csv");

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal("interval_start_local", rejected.Column);
        Assert.Contains("expected 2024-07-01T13:00:00+01:00", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(batch.Observations);
    }
}
