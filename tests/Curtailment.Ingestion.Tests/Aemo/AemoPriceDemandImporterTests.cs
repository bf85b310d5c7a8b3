using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Aemo;

namespace Curtailment.Ingestion.Tests.Aemo;

public class AemoPriceDemandImporterTests
{
    private readonly AemoPriceDemandImporter _importer = new();

    private static Observation Single(ImportBatch batch, string series, string startUtc) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == TestFiles.Utc(startUtc));

    [Fact]
    public void Parse_MonthlyFile_MapsIntervalEndingNemTimeToUtc()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1.csv");

        Assert.Equal("aemo", batch.Source);
        Assert.Equal(4, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(12, batch.Observations.Count); // demand, price and SA1's proxy target per row
        Assert.All(batch.Observations, o => Assert.Equal("SA1", o.Region));
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromMinutes(5), o.Duration));
        // Published in real time: at the interval's end.
        Assert.All(batch.Observations, o => Assert.Equal(o.IntervalEnd, o.PublishedAt));

        var demand = Single(batch, SeriesIds.Demand, "2023-12-31T14:00:00Z");
        Assert.Equal(1250.10, demand.Value);
        Assert.Equal(60.50, Single(batch, SeriesIds.PriceAud, "2023-12-31T14:00:00Z").Value);
    }

    [Fact]
    public void Parse_JanuaryIntervalEnding0005_StartsAt1400UtcPreviousDay()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1.csv");

        // NEM time is UTC+10 all year (Brisbane clock), even in Adelaide's summer daylight time.
        var first = batch.Observations.OrderBy(o => o.IntervalStart).First();
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 14, 0, 0, TimeSpan.Zero), first.IntervalStart);
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 14, 5, 0, TimeSpan.Zero), first.IntervalEnd);
    }

    [Fact]
    public void Parse_NegativeDemandAndPrice_AreStored()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1.csv");

        Assert.Equal(-120.55, Single(batch, SeriesIds.Demand, "2024-01-14T02:25:00Z").Value);
        Assert.Equal(-45.10, Single(batch, SeriesIds.PriceAud, "2024-01-14T02:25:00Z").Value);
        Assert.Equal(-10.25, Single(batch, SeriesIds.PriceAud, "2023-12-31T14:05:00Z").Value);
        // SA1's target: the share of the interval with a negative price.
        Assert.Equal(1, Single(batch, SeriesIds.NegativePriceShare, "2024-01-14T02:25:00Z").Value);
        Assert.Equal(0, Single(batch, SeriesIds.NegativePriceShare, "2023-12-31T14:00:00Z").Value);
    }

    [Fact]
    public void Parse_MidnightOnFirstOfNextMonth_IsTheMonthsLastInterval()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1.csv");

        Assert.Equal(1380.00, Single(batch, SeriesIds.Demand, "2024-01-31T13:55:00Z").Value);
    }

    [Fact]
    public void Parse_ProblemRows_RejectsWithReasons()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1_problems.csv");

        Assert.Equal(7, batch.RowsRead);
        Assert.Equal(3, batch.Observations.Count);
        Assert.Collection(batch.Rejected,
            r =>
            {
                Assert.Equal(2, r.Line);
                Assert.Equal("SETTLEMENTDATE", r.Column);
                Assert.Contains("outside the file's month 2024-01", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(3, r.Line);
                Assert.Contains("outside the file's month", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(4, r.Line);
                Assert.Equal("REGION", r.Column);
                Assert.Contains("NSW1", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(5, r.Line);
                Assert.Equal("TOTALDEMAND", r.Column);
                Assert.Contains("'12x0.00' is not a number", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Equal("SETTLEMENTDATE", r.Column);
            },
            r =>
            {
                Assert.Equal(8, r.Line);
                Assert.Equal("TOTALDEMAND", r.Column);
                Assert.Contains("duplicate key", r.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Parse_CleanedFile_UsesStartAndNemEnd()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/aemo_sa1_price_demand_5min_sample.csv");

        Assert.Equal(3, batch.RowsRead);
        Assert.Equal(6, batch.Observations.Count);
        var january = Single(batch, SeriesIds.Demand, "2022-12-31T14:00:00Z");
        Assert.Equal(1400.50, january.Value);
        Assert.Equal(TimeSpan.FromMinutes(5), january.Duration);
        Assert.Equal(TestFiles.Utc("2022-12-31T14:05:00Z"), january.PublishedAt);

        // 1 October 2023 is Adelaide's daylight-saving start; NEM time does not move.
        Assert.Equal(-1000, Single(batch, SeriesIds.PriceAud, "2023-10-01T02:00:00Z").Value);
        Assert.Equal(-150.75, Single(batch, SeriesIds.Demand, "2023-10-01T02:00:00Z").Value);

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Equal("interval_end_nem_time", rejected.Column);
    }

    [Fact]
    public void Parse_CleanedFileWithoutRegionInName_ThrowsAskingForRegion()
    {
        var error = Assert.Throws<ImportFormatException>(() =>
            TestFiles.Parse(_importer, "Aemo/aemo_sa1_price_demand_5min_sample.csv", fileName: "price_demand.csv"));

        Assert.Contains("--region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EiaFile_ThrowsNotAnAemoFile()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Eia930/release_2020_Oct_balancing_authorities_CISO.sample.csv"));

        Assert.Contains("not an AEMO price and demand file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedFile_ThrowsOnLastLine()
    {
        var error = Assert.Throws<ImportFormatException>(() => TestFiles.Parse(_importer, "Aemo/PRICE_AND_DEMAND_202401_SA1_truncated.csv"));

        Assert.Equal(3, error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BeforeFiveMinuteSettlement_UsesThirtyMinuteIntervals()
    {
        var text = "REGION,SETTLEMENTDATE,TOTALDEMAND,RRP,PERIODTYPE\nSA1,2021/10/01 04:00:00,1100.00,40.00,TRADE\nSA1,2021/10/01 04:05:00,1105.00,41.00,TRADE\n";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        var batch = _importer.Parse(stream, new ImportContext("PRICE_AND_DEMAND_202110_SA1.csv", TestFiles.Regions));

        Assert.Empty(batch.Rejected);
        Assert.Equal(TimeSpan.FromMinutes(30), Single(batch, SeriesIds.Demand, "2021-09-30T17:30:00Z").Duration);
        Assert.Equal(TimeSpan.FromMinutes(5), Single(batch, SeriesIds.Demand, "2021-09-30T18:00:00Z").Duration);
    }

    [Fact]
    public void Parse_CleanedFileWithMinutes_UsesEachRowsIntervalLength()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/aemo_sa1_price_demand_2014-01_2022-12_sample.csv");

        Assert.Equal(8, batch.RowsRead);
        Assert.Equal(10, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal("SA1", o.Region));
        Assert.All(batch.Observations, o => Assert.Equal(o.IntervalEnd, o.PublishedAt));

        var halfHour = Single(batch, SeriesIds.Demand, "2013-12-31T14:00:00Z");
        Assert.Equal(1512.40, halfHour.Value);
        Assert.Equal(TimeSpan.FromMinutes(30), halfHour.Duration);
        Assert.Equal(43.10, Single(batch, SeriesIds.PriceAud, "2013-12-31T14:00:00Z").Value);
        Assert.Equal(TimeSpan.FromMinutes(30), Single(batch, SeriesIds.Demand, "2021-09-30T17:30:00Z").Duration);

        var fiveMinutes = Single(batch, SeriesIds.PriceAud, "2021-09-30T18:00:00Z");
        Assert.Equal(-41.00, fiveMinutes.Value);
        Assert.Equal(TimeSpan.FromMinutes(5), fiveMinutes.Duration);

        // An empty price is not available: the demand of that row is still stored.
        Assert.Equal(1300.00, Single(batch, SeriesIds.Demand, "2022-12-31T13:55:00Z").Value);
        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.PriceAud && o.IntervalStart == TestFiles.Utc("2022-12-31T13:55:00Z"));
    }

    [Fact]
    public void Parse_CleanedFileWithMinutes_RejectsBadLengthEndAndNumber()
    {
        var batch = TestFiles.Parse(_importer, "Aemo/aemo_sa1_price_demand_2014-01_2022-12_sample.csv");

        Assert.Collection(batch.Rejected,
            r =>
            {
                Assert.Equal(5, r.Line);
                Assert.Equal("interval_minutes", r.Column);
                Assert.Contains("'15' is not 5 or 30", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                Assert.Equal(6, r.Line);
                Assert.Equal("interval_end_nem_time", r.Column);
                Assert.Contains("expected 2021-10-01T04:15:00+10:00", r.Reason, StringComparison.Ordinal);
            },
            r =>
            {
                // The same instant as the true end, but not written in NEM time.
                Assert.Equal(7, r.Line);
                Assert.Equal("interval_end_nem_time", r.Column);
            },
            r =>
            {
                Assert.Equal(8, r.Line);
                Assert.Equal("total_demand_mw", r.Column);
                Assert.Contains("'1x09.00' is not a number", r.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Parse_CleanedFileWithMinutesMissingAColumn_ThrowsNamingIt()
    {
        var text = "interval_start_utc,interval_end_nem_time,total_demand_mw,price,interval_minutes\n2013-12-31T14:00:00+00:00,2014-01-01T00:30:00+10:00,1512.40,43.10,30\n";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        var error = Assert.Throws<ImportFormatException>(() => _importer.Parse(stream, new ImportContext("aemo_sa1_price_demand_2014-01_2022-12.csv", TestFiles.Regions)));

        Assert.Equal(1, error.Line);
        Assert.Equal(4, error.Column);
        Assert.Contains("rrp_aud_per_mwh", error.Message, StringComparison.Ordinal);
    }
}
