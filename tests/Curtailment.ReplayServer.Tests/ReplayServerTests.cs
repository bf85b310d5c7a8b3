using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Aemo;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Eia930;
using Curtailment.Ingestion.Feeds;
using static Curtailment.ReplayServer.Tests.ReplayTestSupport;

namespace Curtailment.ReplayServer.Tests;

/// <summary>
/// Each served feed through the real feed class and the real importer: a day's values equal the cleaned file's, a file
/// is not there before its publication, and a file that grows through its period grows with the clock.
/// </summary>
[Trait("Category", "RealData")]
[Trait("Category", "Integration")]
public class ReplayServerTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>The cleaned Outlook file of a day's year (the days tested are not the first of a year).</summary>
    private static string OutlookFile(DateOnly day) =>
        $"caiso_outlook_fuelmix_demand_5min_{(day.Year == 2021 ? "2021-01_2021-04" : day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))}.csv";

    [Theory]
    [InlineData("caiso-outlook-fuelsource", "2021-03-15", 288, new[] { "solar_mw", "wind_mw", "natural_gas_mw", "imports_mw" })]
    [InlineData("caiso-outlook-demand", "2021-03-15", 288, new[] { "demand_mw", "demand_forecast_dayahead_mw", "demand_forecast_hourahead_mw" })]
    [InlineData("caiso-outlook-fuelsource", "2021-03-14", 276, new[] { "solar_mw", "wind_mw" })]
    [InlineData("caiso-outlook-demand", "2020-11-01", 288, new[] { "demand_mw" })]
    public async Task OutlookFeed_WholeDay_EqualsTheCleanedFile(string feedName, string dayText, int listed, string[] series)
    {
        var day = DateOnly.Parse(dayText, System.Globalization.CultureInfo.InvariantCulture);
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, Pacific);
        await using var server = await StartAsync(dayEnd + TimeSpan.FromHours(1));
        await using var services = Feeds(server);

        var batch = await services.Feed(feedName).FetchAndImportAsync(day, new CaisoOutlookImporter());

        // The file lists the intervals that END in the day: its first row (00:00) is the previous day's last interval.
        foreach (var column in series)
        {
            var expected = CleanedFile.Values("caiso_outlook_5min", OutlookFile(day), "interval_start_utc", column,
                dayStart - FiveMinutes, dayEnd - FiveMinutes);
            CleanedFile.Equal(expected, batch.Series(column), $"{feedName} {day} {column}");
        }

        // The fall-back day's second 01:xx hour is not listed at the source (12 intervals fewer than its 25 hours).
        Assert.True(batch.Series(series[0]).Count <= listed);
    }

    [Fact]
    public async Task OutlookFeed_ThroughTheDay_NotThereBeforePublicationThenGrowsWithTheClock()
    {
        var day = new DateOnly(2021, 3, 15);
        await using var server = await StartAsync(DateTimeOffset.UnixEpoch);
        await using var services = Feeds(server);
        var feed = services.Feed("caiso-outlook-demand");
        var expectedAt = feed.Publication.ExpectedAt(day);

        server.ReplayClock!.SetUtcNow(expectedAt - TimeSpan.FromMinutes(1));
        Assert.Equal(FeedOutcome.NotPublishedYet, (await feed.FetchAsync(day, default)).Outcome);

        var dayStart = LocalClock.DayBounds(day, Pacific).Start;
        foreach (var hours in new[] { 3, 4, 13 })
        {
            var now = dayStart + TimeSpan.FromHours(hours);
            server.ReplayClock.SetUtcNow(now);
            var demand = (await feed.FetchAndImportAsync(day, new CaisoOutlookImporter())).Series(SeriesIds.Demand);

            // Every interval that has ended by now, from the previous day's last one on, and none later.
            Assert.Equal(hours * 12 + 1, demand.Count);
            Assert.Equal(now - FiveMinutes, demand.Keys.Max());
        }
    }

    [Fact]
    public async Task OasisRenewablesFeed_SpringForwardDay_EqualsTheCleanedForecastFromTheDayBefore()
    {
        var day = new DateOnly(2021, 3, 14);
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, Pacific);
        await using var server = await StartAsync(DateTimeOffset.UnixEpoch);
        await using var services = Feeds(server);
        var feed = services.Feed("caiso-oasis-renewables-forecast");
        var expectedAt = feed.Publication.ExpectedAt(day);
        Assert.Equal(day.AddDays(-1), LocalClock.LocalDate(expectedAt, Pacific));

        server.ReplayClock!.SetUtcNow(expectedAt - TimeSpan.FromSeconds(1));
        var before = await feed.FetchAsync(day, default);
        server.ReplayClock.SetUtcNow(expectedAt);
        var batch = await feed.FetchAndImportAsync(day, new CaisoOasisImporter());

        Assert.Equal(FeedOutcome.NotPublishedYet, before.Outcome);
        foreach (var (series, column) in new[] { (SeriesIds.SolarForecastDayAhead, "solar_forecast_dayahead_mw"), (SeriesIds.WindForecastDayAhead, "wind_forecast_dayahead_mw") })
        {
            var expected = CleanedFile.Values("caiso_dayahead_forecast_hourly", "caiso_dam_solar_wind_forecast_hourly_*.csv", "interval_start_utc", column, dayStart, dayEnd);
            Assert.Equal(23, expected.Count);
            CleanedFile.Equal(expected, batch.Series(series), $"{series} {day}");
        }
    }

    [Fact]
    public async Task OasisLoadFeed_Day_EqualsTheOutlookDayAheadForecastOfEachHour()
    {
        var day = new DateOnly(2021, 2, 10);
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, Pacific);
        await using var server = await StartAsync(dayStart);
        await using var services = Feeds(server);

        var batch = await services.Feed("caiso-oasis-load-forecast").FetchAndImportAsync(day, new CaisoOasisImporter());

        // The day-ahead forecast is hourly: the value of an hour's first 5-minute interval is the hour's.
        var fiveMinute = CleanedFile.Values("caiso_outlook_5min", OutlookFile(day), "interval_start_utc", "demand_forecast_dayahead_mw", dayStart, dayEnd);
        var expected = fiveMinute.Where(p => p.Key.Minute == 0).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(24, expected.Count);
        CleanedFile.Equal(expected, batch.Series(SeriesIds.DemandForecastDayAhead), $"SLD_FCST {day}");
    }

    [Fact]
    public async Task WorkbookFeed_YearToDate_HoldsEachDayFromTenTheNextMorning()
    {
        var day = new DateOnly(2021, 3, 15);
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, Pacific);
        var tenNextMorning = LocalClock.ToUtc(day.AddDays(1).ToDateTime(new TimeOnly(10, 0)), Pacific, AmbiguousTime.Earlier);
        await using var server = await StartAsync(tenNextMorning - TimeSpan.FromMinutes(1));
        await using var services = Feeds(server);
        var feed = services.Feed("caiso-production-workbook");

        var before = await feed.FetchAndImportAsync(day, new CaisoProductionImporter());
        server.ReplayClock!.SetUtcNow(tenNextMorning);
        var after = await feed.FetchAndImportAsync(day, new CaisoProductionImporter());

        Assert.DoesNotContain(before.Observations, o => o.IntervalStart >= dayStart);
        Assert.Contains(before.Observations, o => o.IntervalStart >= dayStart - TimeSpan.FromDays(1));
        Assert.DoesNotContain(after.Observations, o => o.IntervalStart >= dayEnd);
        var yearStart = new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);
        foreach (var (series, column, tolerance) in new[]
                 {
                     (SeriesIds.SolarCurtailment, "solar_curtailment_mw", 0.0), (SeriesIds.WindCurtailment, "wind_curtailment_mw", 0.0),
                     // The importer adds wind and solar; the cleaned total was rounded once more.
                     (SeriesIds.TotalCurtailment, "total_curtailment_mw", 1e-5),
                 })
        {
            // Zero (an empty cell, as CAISO writes it) is an observation of zero in both.
            var expected = CleanedFile.Values("caiso_production_curtailment_5min", "caiso_curtailment_5min_*.csv", "interval_start_utc", column, yearStart, dayEnd);
            CleanedFile.Equal(expected, after.Series(series), $"{series} 2021-01-01..{day}", tolerance);
        }

        Assert.Contains(after.Coverage, c => c.Series == SeriesIds.TotalCurtailment && c.Start <= dayStart && c.End >= dayEnd);
    }

    [Fact]
    public async Task EiaFeed_UtcDay_EqualsTheCleanedDemandAndGrowsHourByHour()
    {
        var day = new DateOnly(2021, 3, 15);
        var dayStart = new DateTimeOffset(2021, 3, 15, 0, 0, 0, TimeSpan.Zero);
        await using var server = await StartAsync(dayStart + TimeSpan.FromMinutes(59));
        await using var services = Feeds(server);
        var feed = services.Feed("eia930-ciso");

        var before = await feed.FetchAsync(day, default);
        server.ReplayClock!.SetUtcNow(dayStart + TimeSpan.FromHours(10));
        var partial = (await feed.FetchAndImportAsync(day, new Eia930ApiImporter())).Series(SeriesIds.Demand);
        server.ReplayClock.SetUtcNow(dayStart + TimeSpan.FromHours(25));
        var whole = (await feed.FetchAndImportAsync(day, new Eia930ApiImporter())).Series(SeriesIds.Demand);

        Assert.Equal(FeedOutcome.NotPublishedYet, before.Outcome);
        // EIA's periods T00..T23 are hour ENDS: the hours starting 23:00 the day before .. 22:00; each out an hour after it ends.
        Assert.Equal(10, partial.Count);
        var expected = CleanedFile.Values("eia930_demand", "eia930_demand_CISO_hourly.csv", "interval_start_utc", "demand_mw",
            dayStart - TimeSpan.FromHours(1), dayStart + TimeSpan.FromHours(23));
        Assert.Equal(24, expected.Count);
        CleanedFile.Equal(expected, whole, $"EIA-930 CISO D {day}");
    }

    [Theory]
    [InlineData(2023, 5, 8928)]
    [InlineData(2021, 3, 1488)]
    public async Task AemoFeed_WholeMonth_EqualsTheCleanedFile(int year, int month, int intervals)
    {
        var nem = TimeSpan.FromHours(10);
        var monthStart = new DateTimeOffset(year, month, 1, 0, 0, 0, nem);
        var monthEnd = monthStart.AddMonths(1);
        await using var server = await StartAsync(monthEnd);
        await using var services = Feeds(server);

        var batch = await services.Feed("aemo-price-demand-sa1").FetchAndImportAsync(DateOnly.FromDateTime(monthStart.DateTime).AddDays(12), new AemoPriceDemandImporter());

        foreach (var (series, column) in new[] { (SeriesIds.Demand, "total_demand_mw"), (SeriesIds.PriceAud, "rrp_aud_per_mwh") })
        {
            var expected = CleanedFile.Values("aemo_sa1_price_demand_5min", year >= 2023 ? "aemo_sa1_price_demand_5min_2023-01_2024-06.csv" : "aemo_sa1_price_demand_2014-01_2022-12.csv", "interval_start_utc", column, monthStart, monthEnd);
            Assert.Equal(intervals, expected.Count);
            CleanedFile.Equal(expected, batch.Series(series), $"SA1 {series} {year}-{month:D2}");
        }
    }

    [Fact]
    public async Task AemoFeed_DuringTheMonth_NotThereBeforeItsStartThenGrows()
    {
        var monthStart = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.FromHours(10));
        await using var server = await StartAsync(monthStart - TimeSpan.FromMinutes(1));
        await using var services = Feeds(server);
        var feed = services.Feed("aemo-price-demand-sa1");
        var day = new DateOnly(2024, 2, 10);

        var before = await feed.FetchAsync(day, default);
        server.ReplayClock!.SetUtcNow(monthStart + TimeSpan.FromHours(30));
        var demand = (await feed.FetchAndImportAsync(day, new AemoPriceDemandImporter())).Series(SeriesIds.Demand);

        Assert.Equal(FeedOutcome.NotPublishedYet, before.Outcome);
        Assert.Equal(30 * 12, demand.Count);
        Assert.Equal(monthStart + TimeSpan.FromHours(30) - FiveMinutes, demand.Keys.Max());
    }
}
