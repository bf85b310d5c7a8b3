using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Gb;

namespace Curtailment.Ingestion.Tests.Gb;

public class GbBoundaryConstraintsImporterTests
{
    private const string Header = "interval_start_utc,interval_end_utc,interval_start_local,";
    private const string Row = "2019-09-30T23:00:00+00:00,2019-09-30T23:30:00+00:00,2019-10-01T00:00:00+01:00,1,2,3,4,\n";

    private readonly GbBoundaryConstraintsImporter _importer = new();

    private static double? Value(ImportBatch batch, string series, string startUtc) =>
        batch.Observations.Where(o => o.Series == series && o.IntervalStart == TestFiles.Utc(startUtc)).Select(o => (double?)o.Value).SingleOrDefault();

    [Fact]
    public void Parse_Sample_WritesLimitFlowAndHeadroomPerBoundary()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

        Assert.Equal("gb-constraints", batch.Source);
        Assert.Equal(5, batch.RowsRead);
        Assert.Equal(20, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal("GB-SCOTLAND", o.Region));
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromMinutes(30), o.Duration));

        const string first = "2019-09-30T23:00:00Z";
        Assert.Equal(3400.25, Value(batch, SeriesIds.BoundaryFlow("scotex"), first));
        Assert.Equal(4800, Value(batch, SeriesIds.BoundaryLimit("scotex"), first));
        Assert.Equal(4800 - 3400.25, Value(batch, SeriesIds.BoundaryHeadroom("scotex"), first));
        Assert.Equal(5400 - 3200.5, Value(batch, SeriesIds.BoundaryHeadroom("estex"), first));
        // A limit of 0 is stored; the headroom below a negative flow is positive.
        Assert.Equal(0, Value(batch, SeriesIds.BoundaryLimit("sse_sp"), first));
        Assert.Equal(120.5, Value(batch, SeriesIds.BoundaryHeadroom("sse_sp"), first));
    }

    [Fact]
    public void Parse_NegativeFlowLimitAndHeadroom_AreStored()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

        const string third = "2019-10-01T00:00:00Z";
        Assert.Equal(-20, Value(batch, SeriesIds.BoundaryLimit("sse_sp"), third));
        Assert.Equal(-30, Value(batch, SeriesIds.BoundaryHeadroom("sse_sp"), third));
        Assert.Equal(-200.5, Value(batch, SeriesIds.BoundaryHeadroom("scotex"), third));
        Assert.Equal(-120.5, Value(batch, SeriesIds.BoundaryFlow("sse_sp"), "2019-09-30T23:00:00Z"));
    }

    [Fact]
    public void Parse_PlaceholderLimits_StoredWithoutHeadroom()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

        const string second = "2019-09-30T23:30:00Z";
        Assert.Equal(99999, Value(batch, SeriesIds.BoundaryLimit("estex"), second));
        Assert.Equal(10000, Value(batch, SeriesIds.BoundaryLimit("scotex"), second));
        Assert.Equal(2100.75, Value(batch, SeriesIds.BoundaryFlow("estex"), second));
        Assert.Null(Value(batch, SeriesIds.BoundaryHeadroom("estex"), second));
        Assert.Null(Value(batch, SeriesIds.BoundaryHeadroom("scotex"), second));
    }

    [Fact]
    public void Parse_EmptyCells_AreNotReported()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

        Assert.DoesNotContain(batch.Observations, o => o.Series.StartsWith("boundary_sse_sp_", StringComparison.Ordinal) && o.IntervalStart == TestFiles.Utc("2019-09-30T23:30:00Z"));
        // A limit without a flow is stored, but gives no headroom.
        Assert.Equal(5400, Value(batch, SeriesIds.BoundaryLimit("estex"), "2019-10-01T00:00:00Z"));
        Assert.Null(Value(batch, SeriesIds.BoundaryFlow("estex"), "2019-10-01T00:00:00Z"));
        Assert.Null(Value(batch, SeriesIds.BoundaryHeadroom("estex"), "2019-10-01T00:00:00Z"));
    }

    [Fact]
    public void Parse_ProblemRows_RejectedWhole()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

        Assert.Collection(batch.Rejected,
            r =>
            {
                Assert.Equal(5, r.Line);
                Assert.Equal("scotex_flow_mw", r.Column);
                Assert.Contains("'x' is not a number", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Equal("interval_start_local", r.Column);
                Assert.Contains("Europe/London", r.Reason, StringComparison.Ordinal);
            });
        Assert.DoesNotContain(batch.Observations, o => o.IntervalStart == TestFiles.Utc("2019-10-01T00:30:00Z"));
    }

    [Fact]
    public void Parse_NoRuleGiven_PublishesAtTheStartOfTheLocalDay()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

        // 1 October 2019 begins at 23:00 UTC on 30 September (BST): every row here is of that day.
        Assert.All(batch.Observations, o => Assert.Equal(TestFiles.Utc("2019-09-30T23:00:00Z"), o.PublishedAt));
    }

    [Fact]
    public void Parse_RuleAndRegionGiven_UsesThem()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv", regionId: "CAISO", published: PublicationRule.DayAheadTen);

        Assert.All(batch.Observations, o => Assert.Equal("CAISO", o.Region));
        // 10:00 the day before in the region's zone (Los Angeles, PDT): 17:00 UTC on 29 September.
        Assert.Equal(TestFiles.Utc("2019-09-29T17:00:00Z"), batch.Observations[0].PublishedAt);
    }

    [Fact]
    public void Parse_OtherRegionWithoutRule_StillPublishesAtUkMidnight()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv", regionId: "CAISO");

        Assert.All(batch.Observations, o => Assert.Equal(TestFiles.Utc("2019-09-30T23:00:00Z"), o.PublishedAt));
    }

    [Fact]
    public void Parse_ClockChangeDays_ReadLocalOffsetsAndPublishAtLocalMidnight()
    {
        var batch = TestFiles.Parse(_importer, "Gb/gb_da_boundary_limits_flows_halfhourly_dst.csv");

        Assert.Empty(batch.Rejected);
        var flows = batch.Observations.Where(o => o.Series == SeriesIds.BoundaryFlow("scotex")).ToDictionary(o => o.IntervalStart);
        // Autumn: the source's single 01:00 row is the BST occurrence, 00:00 UTC; the day began at 23:00 UTC.
        Assert.Equal(3000, flows[TestFiles.Utc("2024-10-27T00:00:00Z")].Value);
        Assert.Equal(TestFiles.Utc("2024-10-26T23:00:00Z"), flows[TestFiles.Utc("2024-10-27T00:00:00Z")].PublishedAt);
        Assert.Equal(3100, flows[TestFiles.Utc("2024-10-27T02:00:00Z")].Value);
        // Spring: 02:00 BST follows 00:30 GMT; the day began at midnight GMT.
        Assert.Equal(3300, flows[TestFiles.Utc("2025-03-30T01:00:00Z")].Value);
        Assert.Equal(TestFiles.Utc("2025-03-30T00:00:00Z"), flows[TestFiles.Utc("2025-03-30T01:00:00Z")].PublishedAt);
    }

    [Theory]
    [InlineData("scotex_flow_mw,estex_limit_mw,qa_flags", 4, "no 'scotex_limit_mw'")]
    [InlineData("scotex_flow_mw,scotex_limit_mw,estex_limit_mw,qa_flags", 6, "no 'estex_flow_mw'")]
    [InlineData("scotex_flow_mw,scotex_limit_mw,scotex_ratio,qa_flags", 6, "'scotex_ratio' is not a boundary's")]
    [InlineData("scotex_flow_mw,scotex_limit_mw,scotex_flow_mw,qa_flags", 6, "appears twice")]
    [InlineData("scotex_flow_mw,scotex_limit_mw,flags", 6, "'qa_flags'")]
    [InlineData("qa_flags", 4, "no boundary")]
    public void Parse_HeaderWithoutPairs_ThrowsNamingTheColumn(string columns, int column, string problem)
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.ParseText(_importer, Header + columns + "\n" + Row, "constraints.csv"));

        Assert.Equal("constraints.csv", error.FileName);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnotherFile_ThrowsOnTheHeader()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Aemo/aemo_sa1_price_demand_5min_sample.csv"));

        Assert.Equal(1, error.Line);
        Assert.Equal(2, error.Column);
    }
}
