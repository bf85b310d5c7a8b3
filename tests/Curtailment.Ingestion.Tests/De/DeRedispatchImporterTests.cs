using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.De;

namespace Curtailment.Ingestion.Tests.De;

public class DeRedispatchImporterTests
{
    private readonly DeRedispatchImporter _importer = new();

    private static Observation Single(ImportBatch batch, string region, string series, string startUtc) =>
        Assert.Single(batch.Observations, o => o.Region == region && o.Series == series && o.IntervalStart == TestFiles.Utc(startUtc));

    [Fact]
    public void Parse_WideFile_WritesEachTsoToItsRegion()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_sample.csv");

        Assert.Equal("de-redispatch", batch.Source);
        Assert.Equal(4, batch.RowsRead);
        // Eight values in the first full row; the second has an empty 50Hertz up, which is not a value.
        Assert.Equal(15, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromHours(1), o.Duration));

        Assert.Equal(1200.5, Single(batch, "DE-TENNET", SeriesIds.RedispatchDown, "2021-10-02T00:00:00Z").Value);
        Assert.Equal(80, Single(batch, "DE-TENNET", SeriesIds.RedispatchUp, "2021-10-02T00:00:00Z").Value);
        Assert.Equal(350.25, Single(batch, "DE-50HERTZ", SeriesIds.RedispatchDown, "2021-10-02T00:00:00Z").Value);
        Assert.Equal(0, Single(batch, "DE-50HERTZ", SeriesIds.RedispatchUp, "2021-10-02T00:00:00Z").Value);
        Assert.Equal(12, Single(batch, "DE-AMPRION", SeriesIds.RedispatchDown, "2021-10-02T00:00:00Z").Value);
        Assert.Equal(640.125, Single(batch, "DE-AMPRION", SeriesIds.RedispatchUp, "2021-10-02T00:00:00Z").Value);
        Assert.Equal(1.5, Single(batch, "DE-TRANSNETBW", SeriesIds.RedispatchDown, "2021-10-02T01:00:00Z").Value);
        Assert.Equal(390, Single(batch, "DE-TRANSNETBW", SeriesIds.RedispatchUp, "2021-10-02T01:00:00Z").Value);
        Assert.DoesNotContain(batch.Observations, o => o.Region == "DE-50HERTZ" && o.Series == SeriesIds.RedispatchUp && o.IntervalStart == TestFiles.Utc("2021-10-02T01:00:00Z"));
    }

    [Fact]
    public void Parse_EdgeTruncatedRows_AreRejectedNotStored()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_sample.csv");

        Assert.Equal([2, 3], batch.Rejected.Select(r => r.Line));
        Assert.All(batch.Rejected, r =>
        {
            Assert.Equal("qa_flags", r.Column);
            Assert.Contains("edge_truncated", r.Reason, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart < TestFiles.Utc("2021-10-02T00:00:00Z"));
    }

    [Fact]
    public void Parse_NoRuleGiven_PublishesAt10BerlinTheNextDay()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_sample.csv");

        // 2021-10-02 is summer time in Berlin (UTC+2): 10:00 on 10-03 is 08:00 UTC.
        Assert.All(batch.Observations, o => Assert.Equal(TestFiles.Utc("2021-10-03T08:00:00Z"), o.PublishedAt));
    }

    [Fact]
    public void Parse_RuleGiven_UsesIt()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_sample.csv", published: PublicationRule.RealTime);

        Assert.All(batch.Observations, o => Assert.Equal(o.IntervalEnd, o.PublishedAt));
    }

    [Fact]
    public void Parse_ProblemRows_RejectsWithLineColumnAndReason()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_problems.csv");

        Assert.Equal(8, batch.RowsRead);
        Assert.Equal(8, batch.Observations.Count);
        Assert.Collection(batch.Rejected,
            r =>
            {
                Assert.Equal(3, r.Line);
                Assert.Equal("50hertz_up_mw", r.Column);
                Assert.Contains("negative", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(4, r.Line);
                Assert.Equal("amprion_down_mw", r.Column);
                Assert.Contains("'n/a' is not a number", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(5, r.Line);
                Assert.Equal("interval_end_utc", r.Column);
                Assert.Contains("60 minutes", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Equal("interval_start_local", r.Column);
                Assert.Contains("expected 2021-11-01T05:00:00+01:00", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(7, r.Line);
                Assert.Equal("interval_start_utc", r.Column);
            },
            r =>
            {
                Assert.Equal(8, r.Line);
                Assert.Null(r.Column);
                Assert.Contains("fields", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(9, r.Line);
                Assert.Equal("tennet_de_down_mw", r.Column);
                Assert.Contains("duplicate key", r.Reason, StringComparison.Ordinal);
            });
        // A row with one bad cell is refused whole: nothing of lines 3 and 4 is stored.
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart == TestFiles.Utc("2021-11-01T01:00:00Z"));
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart == TestFiles.Utc("2021-11-01T02:00:00Z"));
    }

    [Fact]
    public void Parse_SpringForwardDay_ChecksLocalOffsetAndPublishesByLocalDay()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_dst.csv");

        var tennet = batch.Observations.Where(o => o.Region == "DE-TENNET" && o.Series == SeriesIds.RedispatchDown).ToDictionary(o => o.IntervalStart);
        Assert.Equal(110, tennet[TestFiles.Utc("2022-03-27T00:00:00Z")].Value);
        Assert.Equal(120, tennet[TestFiles.Utc("2022-03-27T01:00:00Z")].Value);
        // 23:00 UTC on the 26th is midnight of the 27th in Berlin: published with the 27th, at 10:00 CEST on the 28th.
        Assert.Equal(TestFiles.Utc("2022-03-28T08:00:00Z"), tennet[TestFiles.Utc("2022-03-26T23:00:00Z")].PublishedAt);

        // 02:00 UTC is 04:00+02:00 after the change; 03:00+01:00 is the same instant on the wrong clock.
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(5, rejected.Line);
        Assert.Equal("interval_start_local", rejected.Column);
        Assert.Contains("2022-03-27T04:00:00+02:00", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AutumnDay_KeepsBothHoursThatShareALocalLabel()
    {
        var batch = TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_dst.csv");

        var tennet = batch.Observations.Where(o => o.Region == "DE-TENNET" && o.Series == SeriesIds.RedispatchDown).ToDictionary(o => o.IntervalStart);
        Assert.Equal(200, tennet[TestFiles.Utc("2022-10-30T00:00:00Z")].Value);
        Assert.Equal(210, tennet[TestFiles.Utc("2022-10-30T01:00:00Z")].Value);
        Assert.Equal(220, tennet[TestFiles.Utc("2022-10-30T02:00:00Z")].Value);
        // 10:00 CET on the 31st.
        Assert.Equal(TestFiles.Utc("2022-10-31T09:00:00Z"), tennet[TestFiles.Utc("2022-10-30T01:00:00Z")].PublishedAt);
    }

    [Fact]
    public void Parse_AnotherOperatorsFile_ThrowsOnTheHeader()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Aemo/aemo_sa1_price_demand_5min_sample.csv"));

        Assert.Equal(1, error.Line);
        Assert.Equal(2, error.Column);
        Assert.Contains("interval_end_utc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegionGiven_ThrowsBecauseTheFileNamesItsRegions()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "De/de_tso_redispatch_hourly_sample.csv", regionId: "DE-TENNET"));

        Assert.Contains("--region", error.Message, StringComparison.Ordinal);
    }
}
