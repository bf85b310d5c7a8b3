using System.Globalization;
using System.Text;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Ingest;
using Curtailment.Pipelines.Outlook;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Tests.Outlook;

/// <summary>
/// The outlook over a real SQLite store: GB-SCOTLAND (half-hourly, Europe/London) with actuals and stored vintages,
/// SA1 (5-minute price proxy, Australia/Brisbane) with a vintage only, the other regions with nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutlookPipelineTests
{
    /// <summary>10:30 in California, 18:30 in London, 03:30 the next day in Brisbane.</summary>
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 17, 30, 0, TimeSpan.Zero);

    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task GetAllAsync_EveryRegion_ListedInCatalogueOrderWithTheirNextLocalDay()
    {
        using var services = new TestServices(Now);

        var outlook = await services.Get<OutlookPipeline>().GetAllAsync(default);

        Assert.Equal(services.Get<IRegionCatalog>().All.Select(r => r.Id), outlook.Select(o => o.Region));
        var byId = outlook.ToDictionary(o => o.Region);
        // After 10:00 local the next day is tomorrow; in Brisbane it is 03:30 on the 16th, before that day's issue time.
        Assert.Equal(new DateOnly(2025, 6, 16), byId["CAISO"].Day);
        Assert.Equal(new DateOnly(2025, 6, 16), byId["DE-TENNET"].Day);
        Assert.Equal(new DateOnly(2025, 6, 16), byId["SA1"].Day);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 22, 0, 0, TimeSpan.Zero), byId["DE-TENNET"].DayStart);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 14, 0, 0, TimeSpan.Zero), byId["SA1"].DayStart);
        Assert.All(outlook, o =>
        {
            Assert.Null(o.Forecast);
            Assert.Contains("observations are stored", o.Reason, StringComparison.Ordinal);
            Assert.Null(o.Skill.ModelMae);
            Assert.Contains("actuals", o.Skill.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task GetAsync_HalfHourlyRegionWithVintages_SummarizesTheNextLocalDayOnly()
    {
        using var services = new TestServices(Now);
        await SeedScotlandAsync(services, withNextDay: true);
        var region = services.Get<IRegionCatalog>().Get("GB-SCOTLAND");

        var outlook = await services.Get<OutlookPipeline>().GetAsync(region, Now, default);

        Assert.Null(outlook.Reason);
        var day = outlook.Forecast!;
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 23, 0, 0, TimeSpan.Zero), outlook.DayStart);
        Assert.Equal(48, day.Intervals);
        Assert.Equal(24, day.CoveredHours, 9);
        // 1,000 MW for two hours; the 5,000 MW of the rest of today are not part of the next day.
        Assert.Equal(2000, day.ExpectedCurtailedMwh!.Value, 6);
        Assert.Equal((4 * 0.5 * 0.8) + (44 * 0.5 * 0.1), day.ExpectedEventHours, 9);
        Assert.Equal(0.8, day.PeakProbability, 9);
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 11, 0, 0, TimeSpan.Zero), day.PeakProbabilityAt);
        // Three starts hold the whole block; the earliest wins the tie.
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 10, 0, 0, TimeSpan.Zero), day.BestWindow!.Start);
        Assert.Equal(OutlookPipeline.WindowLength, day.BestWindow.End - day.BestWindow.Start);
        Assert.Equal(2000, day.BestWindow.ExpectedCurtailedMwh, 6);
        Assert.Equal(TimeSpan.FromHours(8.5), day.Age);
        Assert.Equal("week_profile", day.ModelVersion);
        Assert.Equal("MW", outlook.Target.Unit);
        Assert.False(outlook.Target.IsProxy);
    }

    [Fact]
    public async Task GetAsync_DayAheadVintagesAndActuals_ScoresModelAndWeekProfileOnTheSameIntervals()
    {
        using var services = new TestServices(Now);
        await SeedScotlandAsync(services, withNextDay: false);
        var region = services.Get<IRegionCatalog>().Get("GB-SCOTLAND");

        var skill = (await services.Get<OutlookPipeline>().GetAsync(region, Now, default)).Skill;

        Assert.Null(skill.Reason);
        Assert.Equal(5, skill.Days);
        Assert.Equal(5 * 48, skill.Intervals);
        // Forecasts are 10 MW off; the week profile at a 10:00 issue averages days D-2..D-8 of a series rising 10 MW a day.
        Assert.Equal(10, skill.ModelMae!.Value, 9);
        Assert.Equal(50, skill.BaselineMae!.Value, 9);
        Assert.Equal(0.8, skill.SkillScore!.Value, 9);
        Assert.Equal(["fasttree@test"], skill.ModelVersions);
    }

    [Fact]
    public async Task GetAsync_DataButNoVintageForTheDay_SaysSoInsteadOfFailing()
    {
        using var services = new TestServices(Now);
        await SeedScotlandAsync(services, withNextDay: false);
        var region = services.Get<IRegionCatalog>().Get("GB-SCOTLAND");

        var outlook = await services.Get<OutlookPipeline>().GetAsync(region, Now, default);

        Assert.Null(outlook.Forecast);
        Assert.Contains("No stored forecast covers 2025-06-16 (Europe/London)", outlook.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ProxyRegion_ReportsEventHoursAndRanksTheWindowByThem()
    {
        using var services = new TestServices(Now);
        var region = services.Get<IRegionCatalog>().Get("SA1");
        var issued = new DateTimeOffset(2025, 6, 15, 0, 0, 0, TimeSpan.Zero); // 10:00 in Brisbane
        var points = new List<ForecastPoint>();
        for (var t = issued; t < new DateTimeOffset(2025, 6, 16, 14, 0, 0, TimeSpan.Zero); t += TimeSpan.FromMinutes(5))
        {
            // Two likely negative-price hours, 14:00-16:00 local, and a high price with no event the rest of the day.
            var likely = t >= new DateTimeOffset(2025, 6, 16, 4, 0, 0, TimeSpan.Zero) && t < new DateTimeOffset(2025, 6, 16, 6, 0, 0, TimeSpan.Zero);
            points.Add(new ForecastPoint(t, t.AddMinutes(5), likely ? -50 : 300, -80, 400, likely ? 0.75 : 0));
        }

        await services.Get<IForecastStore>().SaveForecastAsync(new ForecastVintage(0, "SA1", issued, issued, "week_profile", null, points), default);

        var outlook = await services.Get<OutlookPipeline>().GetAsync(region, Now, default);

        Assert.True(outlook.Target.IsProxy);
        Assert.Equal("share", outlook.Target.Unit);
        var day = outlook.Forecast!;
        Assert.Null(day.ExpectedCurtailedMwh);
        Assert.Equal(1.5, day.ExpectedEventHours, 9);
        Assert.Equal(RankingMeasure.EventHours, day.BestWindow!.RankedBy);
        Assert.Equal(1.5, day.BestWindow.ExpectedEventHours, 9);
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 3, 0, 0, TimeSpan.Zero), day.BestWindow.Start);
        // 03:30 in Brisbane: before the day-ahead issue time the outlook is the rest of today, from now on.
        Assert.Equal(new DateOnly(2025, 6, 16), outlook.Day);
        Assert.Equal(288 - 42, day.Intervals);
        Assert.Equal(20.5, day.CoveredHours, 9);
    }

    [Fact]
    public async Task GetAsync_BeforeTheIssueTimeWithAForecastCoveringTomorrow_OutlooksTomorrow()
    {
        using var services = new TestServices(Now);
        var region = services.Get<IRegionCatalog>().Get("SA1");
        // Issued now (03:30 on the 16th in Brisbane), on demand: it runs to the end of the 17th.
        var points = new List<ForecastPoint>();
        for (var t = Now; t < new DateTimeOffset(2025, 6, 17, 14, 0, 0, TimeSpan.Zero); t += TimeSpan.FromMinutes(5))
        {
            points.Add(new ForecastPoint(t, t.AddMinutes(5), 50, 0, 100, 0.5));
        }

        await services.Get<IForecastStore>().SaveForecastAsync(new ForecastVintage(0, "SA1", Now, Now, "week_profile", null, points), default);

        var outlook = await services.Get<OutlookPipeline>().GetAsync(region, Now, default);

        Assert.Equal(new DateOnly(2025, 6, 17), outlook.Day);
        Assert.Equal(288, outlook.Forecast!.Intervals);
        Assert.Equal(12, outlook.Forecast.ExpectedEventHours, 9);
    }

    /// <summary>
    /// GB-SCOTLAND actuals from 25 May (value 100 + 10 per local day, published at 10:00 the next local day) and
    /// day-ahead vintages for 10-14 June 10 MW above them; with <paramref name="withNextDay"/> a vintage issued today.
    /// </summary>
    private static async Task SeedScotlandAsync(TestServices services, bool withNextDay)
    {
        var region = services.Get<IRegionCatalog>().Get("GB-SCOTLAND");
        var zone = region.TimeZone;
        static double Actual(DateOnly day) => 100 + (10 * (day.DayNumber - new DateOnly(2025, 5, 1).DayNumber));
        DateTimeOffset LocalTen(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), zone.GetUtcOffset(day.ToDateTime(new TimeOnly(10, 0)))).ToUniversalTime();

        var csv = new StringBuilder("interval_start_utc,region,series,value,interval_end_utc,published_at_utc\n");
        for (var day = new DateOnly(2025, 5, 25); day <= new DateOnly(2025, 6, 15); day = day.AddDays(1))
        {
            foreach (var start in HalfHours(region, day))
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{start:yyyy-MM-ddTHH:mm:ssZ},GB-SCOTLAND,wind_curtailment_mw,{Actual(day)},{start + HalfHour:yyyy-MM-ddTHH:mm:ssZ},{LocalTen(day.AddDays(1)):yyyy-MM-ddTHH:mm:ssZ}\n");
            }
        }

        var path = Path.Combine(services.Folder, "gb.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        var result = await services.Get<IngestPipeline>().IngestFileAsync("tidy", path, "GB-SCOTLAND", null, default);
        Assert.False(result.Failed, result.Run.Message);

        var store = services.Get<IForecastStore>();
        for (var day = new DateOnly(2025, 6, 10); day <= new DateOnly(2025, 6, 14); day = day.AddDays(1))
        {
            var issued = LocalTen(day.AddDays(-1));
            var points = HalfHours(region, day).Select(s => new ForecastPoint(s, s + HalfHour, Actual(day) + 10, 0, 500, 0.2)).ToList();
            await store.SaveForecastAsync(new ForecastVintage(0, "GB-SCOTLAND", issued, issued, "fasttree@test", issued, points), default);
        }

        if (withNextDay)
        {
            var issued = new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.Zero);
            var points = new List<ForecastPoint>();
            for (var t = issued; t < new DateTimeOffset(2025, 6, 16, 23, 0, 0, TimeSpan.Zero); t += HalfHour)
            {
                var today = t < new DateTimeOffset(2025, 6, 15, 23, 0, 0, TimeSpan.Zero);
                var block = t >= new DateTimeOffset(2025, 6, 16, 11, 0, 0, TimeSpan.Zero) && t < new DateTimeOffset(2025, 6, 16, 13, 0, 0, TimeSpan.Zero);
                var (mw, p) = today ? (5000.0, 0.99) : block ? (1000.0, 0.8) : (0.0, 0.1);
                points.Add(new ForecastPoint(t, t + HalfHour, mw, 0, mw, p));
            }

            await store.SaveForecastAsync(new ForecastVintage(0, "GB-SCOTLAND", issued, issued, "week_profile", issued, points), default);
        }
    }

    private static IEnumerable<DateTimeOffset> HalfHours(Region region, DateOnly day)
    {
        var (start, end) = Core.Time.LocalClock.DayBounds(day, region.TimeZone);
        for (var t = start; t < end; t += HalfHour)
        {
            yield return t;
        }
    }
}
