using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Gb;
using Curtailment.Testing;

namespace Curtailment.Ingestion.Tests.Gb;

/// <summary>
/// Parses the real Great Britain files in <c>shared/data/real</c> (read in place) and checks the numbers its README
/// states. Without the folder the tests are skipped, unless <c>CURTAILMENT_REQUIRE_REAL_DATA=1</c>
/// (CI), where missing data is a failure.
/// </summary>
[Trait("Category", "RealData")]
public sealed class GbRealFilesTests
{
    private static ImportBatch ParseRealFile(IFileImporter importer, string file)
    {
        var real = Requires.RealData();

        var path = Path.Combine(real, "gb_constraints_halfhourly", file);
        using var stream = File.OpenRead(path);
        return importer.Parse(stream, new ImportContext(Path.GetFileName(path), TestFiles.Regions));
    }

    [Fact]
    public void Parse_BoaFile_MatchesReadmeScotlandTotalAndAbsentDays()
    {
        var batch = ParseRealFile(new GbBoaCurtailmentImporter(), "gb_wind_curtailment_boa_halfhourly_2025-04-01_2025-05-31.csv");

        Assert.Equal(2_928, batch.RowsRead);
        // 2025-04-07 and 2025-04-09 had no rows at the source: 48 periods each, refused rather than stored as 0.
        Assert.Equal(2 * 48, batch.Rejected.Count);
        Assert.All(batch.Rejected, r => Assert.Contains("day_absent_at_source", r.Reason, StringComparison.Ordinal));
        Assert.Equal(["2025-04-07", "2025-04-09"], batch.Rejected.Select(r => r.RawText.Split(',')[3]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2_928 - 96, batch.Observations.Count);
        Assert.All(batch.Observations, o => Assert.Equal(SeriesIds.WindCurtailment, o.Series));
        Assert.Equal(759_220, batch.Observations.Sum(o => o.Value * 0.5), 1.0);
    }

    [Fact]
    public void Parse_ConstraintsFile_ReadsEveryRowAndKeepsPlaceholderLimits()
    {
        var batch = ParseRealFile(new GbBoundaryConstraintsImporter(), "gb_da_boundary_limits_flows_halfhourly_2019-10_2025-12.csv");

        Assert.Equal(95_666, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        Assert.Equal(22, batch.Observations.Select(o => o.Series).Where(s => s.EndsWith("_flow_mw", StringComparison.Ordinal)).Distinct().Count());
        var estexLimits = batch.Observations.Where(o => o.Series == SeriesIds.BoundaryLimit("estex")).ToList();
        Assert.Equal(19_892, estexLimits.Count(o => o.Value == 99_999));
        Assert.Equal(6_772, estexLimits.Count(o => o.Value == 10_000));
        Assert.Equal(34_587, batch.Observations.Count(o => o.Series == SeriesIds.BoundaryLimit("swalex") && o.Value == 99_999));
        Assert.Equal(107, batch.Observations.Count(o => o.Series == SeriesIds.BoundaryLimit("scotex") && o.Value == 0));
        Assert.Equal(18, batch.Observations.Count(o => o.Series == SeriesIds.BoundaryLimit("seimp") && o.Value < 0));

        // No headroom where the limit means "no binding limit".
        var unbound = batch.Observations.Where(o => o.Series.EndsWith("_limit_mw", StringComparison.Ordinal) && o.Value >= GbBoundaryConstraintsImporter.NoBindingLimitMw)
            .Select(o => (o.Series[..^"_limit_mw".Length], o.IntervalStart)).ToHashSet();
        Assert.DoesNotContain(batch.Observations, o => o.Series.EndsWith("_headroom_mw", StringComparison.Ordinal) && unbound.Contains((o.Series[..^"_headroom_mw".Length], o.IntervalStart)));
    }

    [Fact]
    public void Parse_ForecastFile_ReadsEveryRow()
    {
        var batch = ParseRealFile(new GbForecastImporter(), "gb_wind_demand_forecast_halfhourly_2024-01_2025-12.csv");

        Assert.Equal(34_896, batch.RowsRead);
        Assert.Empty(batch.Rejected);
        // 138 half hours have no wind forecast (flagged missing_wind_forecast).
        Assert.Equal(34_896 - 138, batch.Observations.Count(o => o.Series == SeriesIds.WindForecastLatest));
        Assert.Equal(34_896, batch.Observations.Count(o => o.Series == SeriesIds.DemandForecastDayAhead));
        Assert.Equal(new DateTimeOffset(2025, 12, 27, 23, 30, 0, TimeSpan.Zero), batch.Observations.Max(o => o.IntervalStart));
    }
}
