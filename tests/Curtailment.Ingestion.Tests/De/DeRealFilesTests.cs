using System.Globalization;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.De;
using Curtailment.Testing;

namespace Curtailment.Ingestion.Tests.De;

/// <summary>
/// Parses the real German redispatch file in <c>shared/data/real</c> (read in place) and checks the numbers its
/// README states. Without the folder the tests are skipped, unless
/// <c>CURTAILMENT_REQUIRE_REAL_DATA=1</c> (CI), where missing data is a failure.
/// </summary>
[Trait("Category", "RealData")]
public sealed class DeRealFilesTests
{
    private static readonly string[] Regions = ["DE-TENNET", "DE-50HERTZ", "DE-AMPRION", "DE-TRANSNETBW"];

    // The theory reads eight columns of one file: parse it once.
    private static readonly Lazy<ImportBatch> RealFile = new(ParseRealFile);

    private static ImportBatch ParseRealFile()
    {
        var real = Requires.RealData();

        var path = Path.Combine(real, "de_tso_redispatch_hourly", "de_tso_redispatch_hourly_2021-10_2024-12.csv");
        using var stream = File.OpenRead(path);
        return new DeRedispatchImporter().Parse(stream, new ImportContext(Path.GetFileName(path), TestFiles.Regions));
    }

    [Fact]
    public void Parse_RedispatchFile_ReadsEveryHourButTheTruncatedFirstDay()
    {
        var batch = RealFile.Value;

        Assert.Equal(28_512, batch.RowsRead);
        Assert.Equal(24, batch.Rejected.Count);
        Assert.All(batch.Rejected, r => Assert.Contains("edge_truncated", r.Reason, StringComparison.Ordinal));
        Assert.Equal(8 * (28_512 - 24), batch.Observations.Count);
        Assert.Equal(new DateTimeOffset(2021, 10, 2, 0, 0, 0, TimeSpan.Zero), batch.Observations.Min(o => o.IntervalStart));
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.Zero), batch.Observations.Max(o => o.IntervalStart));
    }

    [Theory]
    [InlineData(0, 21_352_124, 29.2)]
    [InlineData(1, 4_772_198, 46.0)]
    [InlineData(2, 10_319_582, 50.4)]
    [InlineData(3, 696_983, 88.3)]
    [InlineData(4, 1_404_775, 85.6)]
    [InlineData(5, 13_094_533, 50.3)]
    [InlineData(6, 229_088, 91.0)]
    [InlineData(7, 11_190_442, 42.7)]
    public void Parse_RedispatchFile_StoredPlusFirstDayMatchReadmeTotals(int column, double totalMwh, double percentZero)
    {
        var batch = RealFile.Value;

        var region = Regions[column / 2];
        var series = column % 2 == 0 ? SeriesIds.RedispatchDown : SeriesIds.RedispatchUp;
        var stored = batch.Observations.Where(o => o.Region == region && o.Series == series).ToList();
        // The README's totals cover the whole file; the first day is refused, so its hours are added back from the raw rows.
        var firstDay = batch.Rejected.Sum(r => double.Parse(r.RawText.Split(',')[3 + column], CultureInfo.InvariantCulture));
        var zeros = stored.Count(o => o.Value == 0) + batch.Rejected.Count(r => r.RawText.Split(',')[3 + column] == "0");

        Assert.Equal(totalMwh, stored.Sum(o => o.Value) + firstDay, 1.0);
        Assert.Equal(percentZero, Math.Round(100.0 * zeros / 28_512, 1));
    }
}
