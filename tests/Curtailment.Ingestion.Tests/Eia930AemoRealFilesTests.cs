using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Aemo;
using Curtailment.Ingestion.Eia930;
using Curtailment.Testing;

namespace Curtailment.Ingestion.Tests;

/// <summary>
/// Parses the real files in <c>shared/data/real</c> (read in place, never copied into the repository) and checks
/// the row counts its README states. Without the folder the tests report skipped, unless
/// <c>CURTAILMENT_REQUIRE_REAL_DATA=1</c> says the folder must be there.
/// </summary>
[Trait("Category", "RealData")]
public class Eia930AemoRealFilesTests
{
    private static ImportBatch Parse(IFileImporter importer, string path)
    {
        using var stream = File.OpenRead(path);
        return importer.Parse(stream, new ImportContext(Path.GetFileName(path), TestFiles.Regions));
    }

    [Theory]
    [InlineData("CISO", "CAISO", 77_439, 271)]
    [InlineData("SWPP", "SPP", 83_322, 2_509)]
    [InlineData("ERCO", "ERCOT", 83_322, 241)]
    public void Parse_CleanedEiaDemand_ReadsReadmeRowCount(string ba, string region, int rows, int emptyDemandHours)
    {
        var real = Requires.RealData();

        var batch = Parse(new Eia930Importer(), Path.Combine(real, "eia930_demand", $"eia930_demand_{ba}_hourly.csv"));

        Assert.Equal(rows, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.All(batch.Observations, o => Assert.Equal(region, o.Region));
        // The README's count of hours without raw demand: those rows give no demand_mw, every other row one.
        Assert.Equal(rows - emptyDemandHours, batch.Observations.Count(o => o.Series == SeriesIds.Demand));
    }

    [Fact]
    public void Parse_SwppSpike_IsStoredAsPublished()
    {
        var real = Requires.RealData();

        var batch = Parse(new Eia930Importer(), Path.Combine(real, "eia930_demand", "eia930_demand_SWPP_hourly.csv"));

        var spike = Assert.Single(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart == new DateTimeOffset(2023, 6, 13, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(3_621_097, spike.Value);
    }

    [Theory]
    [InlineData("release_2020_Oct_balancing_authorities_CISO.first2000rows.csv")]
    [InlineData("release_2025_Jan_original_eia_files_CISO.first2000rows.csv")]
    public void Parse_EiaOriginalSamples_AcceptsEveryRow(string file)
    {
        var real = Requires.RealData();

        var batch = Parse(new Eia930Importer(), Path.Combine(real, "eia930_demand", "original-sample", file));

        Assert.Equal(2_000, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.All(batch.Observations, o => Assert.Equal("CAISO", o.Region));
    }

    [Fact]
    public void Parse_GridMonitorWorkbookAndCsv_Agree()
    {
        var real = Requires.RealData();

        var csv = Parse(new Eia930Importer(), Path.Combine(real, "eia930_demand", "eia930_SWPP_gridmonitor_sample_2023-05-30_2023-06-09.csv"));
        var xlsx = Parse(new Eia930Importer(), Path.Combine(real, "eia930_demand", "original-sample", "EIA930_gridmonitor_SWPP_2023-05-30_2023-06-09.xlsx"));

        Assert.Equal(246, csv.RowsRead);
        Assert.Equal(246, xlsx.RowsRead);
        Assert.Empty(csv.Rejected);
        Assert.Empty(xlsx.Rejected);
        Assert.Equal(
            csv.Observations.OrderBy(o => o.Series, StringComparer.Ordinal).ThenBy(o => o.IntervalStart),
            xlsx.Observations.OrderBy(o => o.Series, StringComparer.Ordinal).ThenBy(o => o.IntervalStart));
    }

    [Fact]
    public void Parse_AemoCleaned_ReadsReadmeRowCount()
    {
        var real = Requires.RealData();

        var batch = Parse(new AemoPriceDemandImporter(), Path.Combine(real, "aemo_sa1_price_demand_5min", "aemo_sa1_price_demand_5min_2023-01_2024-06.csv"));

        Assert.Equal(157_536, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(3 * 157_536, batch.Observations.Count); // demand, price and the negative-price share
        Assert.Equal(new DateTimeOffset(2022, 12, 31, 14, 0, 0, TimeSpan.Zero), batch.Observations.Min(o => o.IntervalStart));
    }

    [Fact]
    public void Parse_AemoOriginalMonth_AcceptsAllRows()
    {
        var real = Requires.RealData();

        var batch = Parse(new AemoPriceDemandImporter(), Path.Combine(real, "aemo_sa1_price_demand_5min", "original-sample", "PRICE_AND_DEMAND_202401_SA1.csv"));

        Assert.Equal(8_928, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(3 * 8_928, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal(TimeSpan.FromMinutes(5), o.Duration));
    }

    [Fact]
    public void Parse_AemoCleaned2014To2022_ReadsHalfHoursThenFiveMinutes()
    {
        var real = Requires.RealData();

        var batch = Parse(new AemoPriceDemandImporter(), Path.Combine(real, "aemo_sa1_price_demand_5min", "aemo_sa1_price_demand_2014-01_2022-12.csv"));

        Assert.Equal(267_456, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(3 * 135_840, batch.Observations.Count(o => o.Duration == TimeSpan.FromMinutes(30)));
        Assert.Equal(3 * 131_616, batch.Observations.Count(o => o.Duration == TimeSpan.FromMinutes(5)));
        Assert.Equal(new DateTimeOffset(2013, 12, 31, 14, 0, 0, TimeSpan.Zero), batch.Observations.Min(o => o.IntervalStart));
        // It ends where the 2023-2024 file starts.
        Assert.Equal(new DateTimeOffset(2022, 12, 31, 14, 0, 0, TimeSpan.Zero), batch.Observations.Max(o => o.IntervalEnd));
        var lastHalfHour = batch.Observations.Where(o => o.Duration == TimeSpan.FromMinutes(30)).Max(o => o.IntervalEnd);
        Assert.Equal(new DateTimeOffset(2021, 10, 1, 0, 0, 0, TimeSpan.FromHours(10)), lastHalfHour);
    }
}
