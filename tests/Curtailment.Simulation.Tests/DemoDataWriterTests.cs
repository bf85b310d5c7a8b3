using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion;
using Curtailment.Ingestion.Aemo;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Eia930;
using Curtailment.Ingestion.Tidy;

namespace Curtailment.Simulation.Tests;

/// <summary>The simulator's files must read through the real importers, daylight-saving days included.</summary>
public sealed class DemoDataWriterTests : IDisposable
{
    private static readonly RegionCatalog Regions = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json"));
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-sim-").FullName;
    private readonly ImporterCatalog _importers = new([new CaisoProductionImporter(), new TidyCsvImporter(), new AemoPriceDemandImporter(), new Eia930Importer()]);

    private ImportBatch Import(SimulatedFile file)
    {
        using var stream = File.OpenRead(file.Path);
        return _importers.Get(file.Source).Parse(stream, new ImportContext(Path.GetFileName(file.Path), Regions, file.Region, file.Published is null ? null : PublicationRule.Parse(file.Published)));
    }

    [Fact]
    public void Write_AcrossTheFallBackDay_EveryFileImportsWithoutRejections()
    {
        // 2 November 2025 is the US fall-back day; the window holds it.
        var files = DemoDataWriter.Write(_folder, Regions, new SimulationOptions { Start = new DateOnly(2025, 10, 30), Days = 5 });

        Assert.Contains(files, f => f.Source == "caiso-production");
        Assert.Contains(files, f => f.Source == "aemo");
        Assert.All(files, f => Assert.StartsWith(OperatorFileWriter.Prefix, Path.GetFileName(f.Path), StringComparison.Ordinal));
        foreach (var file in files)
        {
            var batch = Import(file);
            Assert.True(batch.Rejected.Count == 0, $"{Path.GetFileName(file.Path)}: {string.Join("; ", batch.Rejected.Select(r => $"line {r.Line}: {r.Reason}"))}");
            Assert.NotEmpty(batch.Observations);
        }

        var production = Import(files.First(f => Path.GetFileName(f.Path).Contains("Production.csv", StringComparison.Ordinal)));
        var demand = production.Observations.Where(o => o.Series == SeriesIds.Demand).ToList();
        Assert.Equal((24 * 4 + 25) * 12, demand.Count); // the 25-hour day keeps both repeated hours
        Assert.Equal(demand.Count, demand.Select(o => o.IntervalStart).Distinct().Count());
    }

    [Fact]
    public void Write_RegionsWithBoundariesAndOtherTargets_WriteTheirSeriesAsTheFeaturesReadThem()
    {
        var files = DemoDataWriter.Write(_folder, Regions, new SimulationOptions { Start = new DateOnly(2025, 6, 1), Days = 3 });

        var scotland = Regions.Get("GB-SCOTLAND");
        var gb = Import(files.Single(f => f.Path.Contains("gb-scotland", StringComparison.Ordinal)));
        foreach (var boundary in new[] { "sse_sp2", "scotex" })
        {
            var headroom = gb.Observations.Where(o => o.Series == SeriesIds.BoundaryHeadroom(boundary)).ToList();
            Assert.Equal(3 * 48, headroom.Count);
            // Known from the start of their own local day, never before.
            Assert.All(headroom, o => Assert.Equal(LocalClock.DayBounds(LocalClock.LocalDate(o.IntervalStart, scotland.TimeZone), scotland.TimeZone).Start, o.PublishedAt));
            var limits = gb.Observations.Where(o => o.Series == SeriesIds.BoundaryLimit(boundary)).ToDictionary(o => o.IntervalStart, o => o.Value);
            var flows = gb.Observations.Where(o => o.Series == SeriesIds.BoundaryFlow(boundary)).ToDictionary(o => o.IntervalStart, o => o.Value);
            Assert.All(headroom, o => Assert.Equal(limits[o.IntervalStart] - flows[o.IntervalStart], o.Value, 0.11));
        }

        Assert.Contains(gb.Observations, o => o.Series == scotland.Target.Series);
        var tennet = Import(files.Single(f => f.Path.Contains("de-tennet", StringComparison.Ordinal)));
        Assert.Equal(3 * 24, tennet.Observations.Count(o => o.Series == SeriesIds.RedispatchDown));
        Assert.DoesNotContain(tennet.Observations, o => o.Series.StartsWith(SeriesIds.BoundaryPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_WithNow_WritesNothingPublishedLater()
    {
        var now = new DateTimeOffset(2025, 4, 10, 17, 0, 0, TimeSpan.Zero); // 10:00 PDT
        var files = DemoDataWriter.Write(_folder, Regions, new SimulationOptions { Start = new DateOnly(2025, 4, 1), Days = 11, Now = now });

        foreach (var file in files)
        {
            Assert.All(Import(file).Observations, o => Assert.True(o.PublishedAt <= now, $"{o.Series} {o.IntervalStart:o} published {o.PublishedAt:o}"));
        }

        // Tomorrow's day-ahead forecast was issued at 10:00 today, so it is there.
        var caisoForecasts = Import(files.Single(f => f.Path.EndsWith("caiso_dayahead_forecasts.csv", StringComparison.Ordinal)));
        Assert.Contains(caisoForecasts.Observations, o => LocalClock.LocalDate(o.IntervalStart, Regions.Get("CAISO").TimeZone) == new DateOnly(2025, 4, 11));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
