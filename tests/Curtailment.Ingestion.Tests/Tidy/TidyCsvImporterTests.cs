using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Tidy;

namespace Curtailment.Ingestion.Tests.Tidy;

public sealed class TidyCsvImporterTests
{
    private static readonly RegionCatalog Regions = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json"));
    private readonly TidyCsvImporter _importer = new();

    private ImportBatch Parse(string text, string? region = null, string? published = null, string file = "tidy.csv") =>
        _importer.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)),
            new ImportContext(file, Regions, region, published is null ? null : PublicationRule.Parse(published)));

    [Fact]
    public void Parse_LongWithPublishedColumn_KeepsGivenPublicationTimes()
    {
        var batch = Parse("""
            interval_start_utc,region,series,value,interval_end_utc,published_at_utc
            2021-03-01T08:00:00+00:00,CAISO,total_curtailment_mw,612.5,2021-03-01T09:00:00+00:00,2021-03-02T18:00:00+00:00

            """);

        var o = Assert.Single(batch.Observations);
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 8, 0, 0, TimeSpan.Zero), o.IntervalStart);
        Assert.Equal(TimeSpan.FromHours(1), o.Duration);
        Assert.Equal(612.5, o.Value);
        Assert.Equal(new DateTimeOffset(2021, 3, 2, 18, 0, 0, TimeSpan.Zero), o.PublishedAt);
        Assert.Equal("tidy", o.Source);
    }

    [Fact]
    public void Parse_LongWithoutEndColumn_InfersResolutionFromSpacing()
    {
        var batch = Parse("""
            interval_start_utc,region,series,value
            2021-03-01T08:00:00+00:00,CAISO,demand_mw,20000
            2021-03-01T09:00:00+00:00,CAISO,demand_mw,21000

            """, published: "realtime");

        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromHours(1), o.Duration));
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 10, 0, 0, TimeSpan.Zero), batch.Observations[1].PublishedAt);
    }

    [Fact]
    public void Parse_WideDayAheadFile_PublishesAtTenPacificTheDayBefore()
    {
        var batch = Parse("""
            interval_start_utc,interval_end_utc,source_row_label_utc,solar_forecast_dayahead_mw,wind_forecast_dayahead_mw
            2020-01-02T20:00:00+00:00,2020-01-02T21:00:00+00:00,2020-01-01T20:00:00+00:00,7012.4,1800

            """, region: "CAISO", published: "dayahead@10:00");

        Assert.Equal(["solar_forecast_dayahead_mw", "wind_forecast_dayahead_mw"], batch.Observations.Select(o => o.Series));
        // 12:00 PST on 2 Jan: local day 2 Jan, published 10:00 PST on 1 Jan = 18:00 UTC.
        Assert.All(batch.Observations, o => Assert.Equal(new DateTimeOffset(2020, 1, 1, 18, 0, 0, TimeSpan.Zero), o.PublishedAt));
    }

    [Fact]
    public void Parse_WideWithQaFlags_KeepsThemAsNotesAndSkipsEmptyCells()
    {
        var batch = Parse("""
            interval_start_utc,interval_end_utc,interval_end_local,solar_mw,wind_mw,dst_flag,qa_flags
            2021-03-01T08:00:00+00:00,2021-03-01T08:05:00+00:00,2021-03-01T00:05:00-08:00,-33,,,stale:wind
            2021-03-01T08:05:00+00:00,2021-03-01T08:10:00+00:00,2021-03-01T00:10:00-08:00,-32,800,,

            """, region: "CAISO", published: "realtime");

        Assert.Equal(3, batch.Observations.Count);
        Assert.Equal("qa_flags=stale:wind", batch.Observations[0].Note);
        Assert.Null(batch.Observations[2].Note);
        Assert.Equal(-33, batch.Observations[0].Value);
        Assert.Equal(2, batch.RowsRead);
    }

    [Fact]
    public void Parse_UnparseableAndNegativeCurtailment_RejectsRowsWithColumn()
    {
        var batch = Parse("""
            interval_start_utc,interval_end_utc,solar_curtailment_mw,wind_curtailment_mw
            2021-03-01T20:00:00+00:00,2021-03-01T20:05:00+00:00,12.5,x
            2021-03-01T20:05:00+00:00,2021-03-01T20:10:00+00:00,-4,0
            2021-03-01T20:10:00+00:00,2021-03-01T20:15:00+00:00,10,2

            """, region: "CAISO", published: "nextday@10:00");

        Assert.Equal(2, batch.Observations.Count);
        Assert.Collection(batch.Rejected,
            r => { Assert.Equal(2, r.Line); Assert.Equal("wind_curtailment_mw", r.Column); Assert.Contains("'x' is not a number", r.Reason, StringComparison.Ordinal); },
            r => { Assert.Equal(3, r.Line); Assert.Equal("solar_curtailment_mw", r.Column); Assert.Contains("negative curtailment", r.Reason, StringComparison.Ordinal); });
    }

    [Fact]
    public void Parse_DuplicateKeyWithDifferentValue_RejectsTheLaterRowNamingTheFirst()
    {
        var batch = Parse("""
            interval_start_utc,region,series,value
            2021-03-01T08:00:00+00:00,CAISO,demand_mw,20000
            2021-03-01T08:00:00+00:00,CAISO,demand_mw,20000
            2021-03-01T08:00:00+00:00,CAISO,demand_mw,25000

            """, published: "realtime");

        Assert.Single(batch.Observations);
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Contains("on line 2", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WideWithoutRegion_FailsNamingTheParameter()
    {
        var error = Assert.Throws<ImportFormatException>(() => Parse("""
            interval_start_utc,interval_end_utc,solar_mw
            2021-03-01T08:00:00+00:00,2021-03-01T08:05:00+00:00,1

            """, published: "realtime"));

        Assert.Contains("--region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoPublicationColumnAndNoRule_FailsNamingTheParameter()
    {
        var error = Assert.Throws<ImportFormatException>(() => Parse("""
            interval_start_utc,region,series,value
            2021-03-01T08:00:00+00:00,CAISO,demand_mw,1

            """));

        Assert.Contains("--published", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnotherSourcesFile_FailsAtLineOneColumnOne()
    {
        var error = Assert.Throws<ImportFormatException>(() => Parse("""
            Date,Hour,Interval,Wind Curtailment,Solar Curtailment,
            1/1/2021,8,2,,15.2,

            """, region: "CAISO", published: "realtime", file: "curtailments.csv"));

        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
        Assert.StartsWith("curtailments.csv: line 1, column 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedLastLine_FailsAsTruncated()
    {
        var error = Assert.Throws<ImportFormatException>(() => Parse(
            "interval_start_utc,interval_end_utc,solar_mw,wind_mw\n2021-03-01T08:00:00+00:00,2021-03-01T08:05:00+00:00,1,2\n2021-03-01T08:05:00+00:00,2021-03",
            region: "CAISO", published: "realtime"));

        Assert.Equal(3, error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownRegionInLongRow_RejectsTheRow()
    {
        var batch = Parse("""
            interval_start_utc,region,series,value
            2021-03-01T08:00:00+00:00,ATLANTIS,demand_mw,1

            """, published: "realtime");

        Assert.Empty(batch.Observations);
        Assert.Equal("region", Assert.Single(batch.Rejected).Column);
    }
}
