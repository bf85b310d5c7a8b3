using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Gb;

namespace Curtailment.Ingestion.Tests.Gb;

public class GbBoaCurtailmentImporterTests
{
    private readonly GbBoaCurtailmentImporter _importer = new();

    private static Observation At(ImportBatch batch, string startUtc) =>
        Assert.Single(batch.Observations, o => o.IntervalStart == TestFiles.Utc(startUtc));

    [Fact]
    public void Parse_Sample_WritesScotlandsMwhAsMeanMw()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_curtailment_boa_halfhourly_sample.csv");

        Assert.Equal("gb-boa", batch.Source);
        Assert.Equal(9, batch.RowsRead);
        Assert.Equal(3, batch.Observations.Count);
        Assert.All(batch.Observations, o =>
        {
            Assert.Equal("GB-SCOTLAND", o.Region);
            Assert.Equal(SeriesIds.WindCurtailment, o.Series);
            Assert.Equal(TimeSpan.FromMinutes(30), o.Duration);
            // The region's rule: an hour after the half hour ends.
            Assert.Equal(o.IntervalEnd + TimeSpan.FromHours(1), o.PublishedAt);
        });
        Assert.Equal(16.5, At(batch, "2025-03-31T23:00:00Z").Value);
        // A listed 0 is a half hour without curtailment, stored as 0.
        Assert.Equal(0, At(batch, "2025-03-31T23:30:00Z").Value);
        Assert.Equal(201, At(batch, "2025-04-01T22:30:00Z").Value);
    }

    [Fact]
    public void Parse_DayAbsentAtSource_IsRejectedNotStoredAsZero()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_curtailment_boa_halfhourly_sample.csv");

        var absent = Assert.Single(batch.Rejected, r => r.Line == 5);
        Assert.Equal("qa_flags", absent.Column);
        Assert.Contains("day_absent_at_source", absent.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart == TestFiles.Utc("2025-04-06T23:00:00Z"));
        // No coverage either: inside a covered span a missing curtailment value would read as 0.
        Assert.Empty(batch.Coverage);
    }

    [Fact]
    public void Parse_ProblemRows_RejectsWithLineColumnAndReason()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_curtailment_boa_halfhourly_sample.csv");

        Assert.Collection(batch.Rejected,
            r => Assert.Equal(5, r.Line),
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Equal("settlement_period", r.Column);
                Assert.Contains("settlement period 2 of 2025-04-02 starts at 2025-04-01T23:30Z", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(7, r.Line);
                Assert.Equal("settlement_period", r.Column);
                Assert.Contains("1..48", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(8, r.Line);
                Assert.Equal("scotland_curtailed_mwh", r.Column);
                Assert.Contains("negative", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(9, r.Line);
                Assert.Equal("settlement_date", r.Column);
                Assert.Contains("'2025/04/02'", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(10, r.Line);
                Assert.Equal("scotland_curtailed_mwh", r.Column);
                Assert.Contains("'abc' is not a number", r.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Parse_SpringForwardDay_Has46Periods()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_curtailment_boa_halfhourly_dst.csv");

        // Period 3 is the first after the skipped hour: 02:00 BST, 01:00 UTC.
        Assert.Equal(6, At(batch, "2025-03-30T01:00:00Z").Value);
        Assert.Equal(92, At(batch, "2025-03-30T22:30:00Z").Value);
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(5, rejected.Line);
        Assert.Equal("settlement_period", rejected.Column);
        Assert.Contains("1..46", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AutumnDay_Has50PeriodsCountedInRealTime()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_wind_curtailment_boa_halfhourly_dst.csv");

        // Midnight BST is 23:00 UTC the day before; periods 3 and 5 both start at 01:00 on the clock.
        Assert.Equal(202, At(batch, "2025-10-25T23:00:00Z").Value);
        Assert.Equal(206, At(batch, "2025-10-26T00:00:00Z").Value);
        Assert.Equal(210, At(batch, "2025-10-26T01:00:00Z").Value);
        Assert.Equal(300, At(batch, "2025-10-26T23:30:00Z").Value);
        Assert.Equal(7, batch.Observations.Count);
    }

    [Fact]
    public void Parse_ForecastFile_ThrowsOnTheHeader()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Gb/gb_wind_demand_forecast_halfhourly_sample.csv"));

        Assert.Equal(4, error.Column);
    }

    [Fact]
    public void Parse_OtherRegionGiven_Throws()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Gb/gb_wind_curtailment_boa_halfhourly_sample.csv", regionId: "CAISO"));

        Assert.Contains("Scotland", error.Message, StringComparison.Ordinal);
    }
}
