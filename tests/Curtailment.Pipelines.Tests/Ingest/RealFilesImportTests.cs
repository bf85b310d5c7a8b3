using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Pipelines.Ingest;
using Curtailment.Testing;

namespace Curtailment.Pipelines.Tests.Ingest;

/// <summary>
/// Acceptance: the real operator files in <c>shared/data/real</c> (read in place, never copied here) go
/// through the production composition into a SQLite file, and the store's summary agrees with the numbers
/// the folder's README states. Without the folder the tests report skipped, unless
/// <c>CURTAILMENT_REQUIRE_REAL_DATA=1</c> says it must be there. The big 2019/2020 Outlook years are left
/// to docs/benchmarks.md to keep this under a minute on two cores.
/// </summary>
[Trait("Category", "RealData")]
public sealed class RealFilesImportTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static async Task<IReadOnlyList<IngestFileResult>> IngestAsync(
        TestServices services, string source, string? published, params string[] paths)
    {
        var rule = published is null ? null : PublicationRule.Parse(published);
        // The wide tidy files carry no region column; the other layouts name or imply theirs.
        var region = source == "tidy" ? "CAISO" : null;
        var results = await services.Get<IngestPipeline>().IngestPathsAsync(source, paths, region, rule, null, default);
        Assert.All(results, r => Assert.False(r.Failed, r.Run.Message));
        return results;
    }

    private static async Task<Dictionary<string, SeriesSummary>> SummaryAsync(TestServices services, string region)
    {
        var rows = await services.Get<IDataSummaryReader>().SummarizeAsync(region, default);
        return rows.ToDictionary(s => s.Series);
    }

    /// <summary>Data lines of a cleaned file (one header line), counted here without any importer.</summary>
    private static int DataLines(string path) => File.ReadLines(path).Skip(1).Count(l => l.Length > 0);

    private static void AssertEnergy(double expectedMwh, SeriesSummary series) =>
        Assert.InRange(series.TotalEnergyMwh!.Value, expectedMwh - 1, expectedMwh + 1);

    private static async Task<bool> VisibleAsync(TestServices services, string region, string series, DateTimeOffset intervalStart, DateTimeOffset asOf)
    {
        var read = await services.Get<IObservationReader>().ReadAsync(
            new ObservationQuery(region, series, intervalStart, intervalStart.AddMinutes(1), asOf), default);
        return read.Count == 1;
    }

    [Fact]
    public async Task Ingest_JanuaryProductionCsvTwice_StoresReadmeTotalOnceAndSecondRunIsUnchanged()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var file = Path.Combine(real, "caiso_production_curtailment_5min", "original-sample",
            "ProductionAndCurtailmentsData_2021-Curtailments_JANUARY-2021-ONLY.csv");

        var first = Assert.Single(await IngestAsync(services, "caiso-production", null, file));
        var before = await SummaryAsync(services, "CAISO");
        var second = Assert.Single(await IngestAsync(services, "caiso-production", null, file));
        var after = await SummaryAsync(services, "CAISO");

        Assert.Equal(IngestRunStatus.Succeeded, first.Run.Status);
        Assert.Equal(2_277, first.Run.RowsRead);
        Assert.Equal(0, first.Run.RowsRejected);
        var total = before[SeriesIds.TotalCurtailment];
        Assert.Equal(2_277, total.Rows);
        AssertEnergy(62_330, total);
        Assert.Equal(IngestRunStatus.Unchanged, second.Run.Status);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, kv => Assert.Equal(kv.Value.Rows, after[kv.Key].Rows));
        AssertEnergy(62_330, after[SeriesIds.TotalCurtailment]);
    }

    [Fact]
    public async Task Ingest_CleanedJanuaryToAprilCurtailment_StoresReadmeRowsAndTotal()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var result = Assert.Single(await IngestAsync(services, "caiso-production", null,
            Path.Combine(real, "caiso_production_curtailment_5min", "caiso_curtailment_5min_2021-01_2021-04.csv")));
        var summary = await SummaryAsync(services, "CAISO");

        Assert.Equal(13_681, result.Run.RowsRead); // the README's row count of the January-April original
        Assert.Equal(0, result.Run.RowsRejected);
        Assert.Equal(13_681, summary[SeriesIds.TotalCurtailment].Rows);
        AssertEnergy(734_539, summary[SeriesIds.TotalCurtailment]); // 62,330 + 137,731 + 341,959 + 192,519
    }

    [Fact]
    public async Task Ingest_HourlyReport2016To2017_StoresReadmeSolarAndWindTotals()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var result = Assert.Single(await IngestAsync(services, "caiso-curtailment-report", null,
            Path.Combine(real, "caiso_curtailment_hourly_by_type_2016_2017", "caiso_curtailment_hourly_by_type_2016-06-30_2017-05-10.csv")));
        var summary = await SummaryAsync(services, "CAISO");

        Assert.Equal(5_656, result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        AssertEnergy(315_534, summary[SeriesIds.SolarCurtailment]);
        AssertEnergy(89_604, summary[SeriesIds.WindCurtailment]);
        AssertEnergy(315_534 + 89_604, summary[SeriesIds.TotalCurtailment]);
        Assert.Equal(TimeSpan.FromHours(1), summary[SeriesIds.TotalCurtailment].Resolution);
    }

    [Theory]
    [InlineData("CISO", "CAISO", 77_439, 271)]
    [InlineData("SWPP", "SPP", 83_322, 2_509)]
    [InlineData("ERCO", "ERCOT", 83_322, 241)]
    public async Task Ingest_Eia930DemandFile_StoresReadmeRowCount(string ba, string region, int rows, int emptyDemandHours)
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var result = Assert.Single(await IngestAsync(services, "eia930", null,
            Path.Combine(real, "eia930_demand", $"eia930_demand_{ba}_hourly.csv")));
        var summary = await SummaryAsync(services, region);

        Assert.Equal(rows, result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        Assert.Equal(rows - emptyDemandHours, summary[SeriesIds.Demand].Rows);
        Assert.Equal(TimeSpan.FromHours(1), summary[SeriesIds.Demand].Resolution);
        // README: up to the hour starting 2024-12-31 22:00 UTC.
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.Zero), summary[SeriesIds.Demand].LastIntervalEnd);
    }

    [Fact]
    public async Task Ingest_OutlookJanuaryToApril_StoresEveryGridRowOfEverySeries()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var result = Assert.Single(await IngestAsync(services, "caiso-outlook", null,
            Path.Combine(real, "caiso_outlook_5min", "caiso_outlook_fuelmix_demand_5min_2021-01_2021-04.csv")));
        var summary = await SummaryAsync(services, "CAISO");

        Assert.Equal(34_548, result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        Assert.Equal(17, summary.Count); // the file's _mw columns
        foreach (var series in new[] { SeriesIds.Demand, SeriesIds.Solar, SeriesIds.Wind, SeriesIds.NetLoad })
        {
            Assert.Equal(34_548, summary[series].Rows);
            Assert.Equal(0, summary[series].Gaps);
            Assert.Equal(new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero), summary[series].FirstIntervalStart);
        }

        // README: net_load_mw = demand - solar - wind, row by row, so the energies agree too.
        var netLoad = summary[SeriesIds.Demand].TotalEnergyMwh - summary[SeriesIds.Solar].TotalEnergyMwh - summary[SeriesIds.Wind].TotalEnergyMwh;
        AssertEnergy(netLoad!.Value, summary[SeriesIds.NetLoad]);
    }

    [Fact]
    public async Task Ingest_DayAheadForecast2021AsTidy_StoresEveryHourPublishedTheDayBeforeAtTen()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var file = Path.Combine(real, "caiso_dayahead_forecast_hourly", "caiso_dam_solar_wind_forecast_hourly_2021-01_2021-04.csv");
        var result = Assert.Single(await IngestAsync(services, "tidy", "dayahead@10:00", file));
        var summary = await SummaryAsync(services, "CAISO");

        Assert.Equal(2_879, result.Run.RowsRead);
        Assert.Equal(DataLines(file), result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        Assert.Equal(2_879, summary[SeriesIds.SolarForecastDayAhead].Rows);
        Assert.Equal(2_879, summary[SeriesIds.WindForecastDayAhead].Rows);
        // The hour from local midnight of 1 January is known at 10:00 PST on 31 December (18:00 UTC).
        var firstHour = new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var publishedAt = new DateTimeOffset(2020, 12, 31, 18, 0, 0, TimeSpan.Zero);
        Assert.False(await VisibleAsync(services, "CAISO", SeriesIds.SolarForecastDayAhead, firstHour, publishedAt.AddSeconds(-1)));
        Assert.True(await VisibleAsync(services, "CAISO", SeriesIds.SolarForecastDayAhead, firstHour, publishedAt));
    }

    [Fact]
    public async Task Ingest_Eia930Generation2021AsTidy_StoresCentredHoursPublishedAnHourAfterTheirEnd()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var file = Path.Combine(real, "eia930_generation_by_fuel", "eia930_ciso_generation_by_fuel_hourly_2021-01_2021-04.csv");
        var result = Assert.Single(await IngestAsync(services, "tidy", "realtime+PT1H", file));
        var summary = await SummaryAsync(services, "CAISO");

        Assert.Equal(2_879, result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        string[] fuels = ["coal_mw", "natural_gas_mw", "nuclear_mw", "oil_mw", "hydro_mw", SeriesIds.Solar, SeriesIds.Wind, "other_mw"];
        Assert.Equal(fuels.Order(), summary.Keys.Order());
        Assert.All(fuels, f => Assert.Equal(2_879, summary[f].Rows));
        // Before mid-2022 a value covers [label - 30 min, label + 30 min): the first starts at 08:30 UTC, ends at
        // 09:30, and realtime+PT1H makes it known at 10:30.
        var first = new DateTimeOffset(2021, 1, 1, 8, 30, 0, TimeSpan.Zero);
        Assert.Equal(first, summary[SeriesIds.Solar].FirstIntervalStart);
        Assert.False(await VisibleAsync(services, "CAISO", SeriesIds.Solar, first, first.AddHours(2).AddSeconds(-1)));
        Assert.True(await VisibleAsync(services, "CAISO", SeriesIds.Solar, first, first.AddHours(2)));
    }

    [Fact]
    public async Task Ingest_GfsWeather2021AsTidy_StoresEveryVariableForEveryRow()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var file = Path.Combine(real, "gfs_weather_ciso_hourly", "gfs_weather_forecast_ciso_hourly_2021-01_2021-04.csv");
        var result = Assert.Single(await IngestAsync(services, "tidy", "realtime", file));
        var summary = await SummaryAsync(services, "CAISO");

        var rows = DataLines(file);
        Assert.Equal(rows, result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        string[] variables = ["gfs_wind_speed_m_s", "gfs_temperature_k", "gfs_dewpoint_k", "gfs_dswrf_w_m2", "gfs_precipitation_kg_m2"];
        Assert.Equal(variables.Order(), summary.Keys.Order());
        Assert.All(variables, v => Assert.Equal(rows, summary[v].Rows));
        Assert.All(variables, v => Assert.Null(summary[v].TotalEnergyMwh)); // not MW series
        var first = summary["gfs_temperature_k"].FirstIntervalStart;
        Assert.False(await VisibleAsync(services, "CAISO", "gfs_temperature_k", first, first.AddHours(1).AddSeconds(-1)));
        Assert.True(await VisibleAsync(services, "CAISO", "gfs_temperature_k", first, first.AddHours(1)));
    }

    [Fact]
    public async Task Ingest_AemoCleanedFile_StoresReadmeRowsWithoutGaps()
    {
        var real = Requires.RealData();

        using var services = new TestServices(Now);
        var result = Assert.Single(await IngestAsync(services, "aemo", null,
            Path.Combine(real, "aemo_sa1_price_demand_5min", "aemo_sa1_price_demand_5min_2023-01_2024-06.csv")));
        var summary = await SummaryAsync(services, "SA1");

        Assert.Equal(157_536, result.Run.RowsRead);
        Assert.Equal(0, result.Run.RowsRejected);
        foreach (var series in new[] { SeriesIds.Demand, SeriesIds.PriceAud })
        {
            Assert.Equal(157_536, summary[series].Rows);
            Assert.Equal(0, summary[series].Gaps);
            Assert.Equal(TimeSpan.FromMinutes(5), summary[series].Resolution);
        }

        // Intervals ending 2023-01-01 00:05 .. 2024-07-01 00:00 NEM time (UTC+10).
        Assert.Equal(new DateTimeOffset(2022, 12, 31, 14, 0, 0, TimeSpan.Zero), summary[SeriesIds.Demand].FirstIntervalStart);
        Assert.Equal(new DateTimeOffset(2024, 6, 30, 14, 0, 0, TimeSpan.Zero), summary[SeriesIds.Demand].LastIntervalEnd);
    }
}
