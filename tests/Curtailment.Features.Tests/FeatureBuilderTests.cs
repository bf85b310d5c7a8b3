using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Features.Tests;

[Trait("Category", "Integration")]
public sealed class FeatureBuilderTests : IDisposable
{
    private static readonly Region Caiso = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")).Get("CAISO");
    private static readonly DateOnly TargetDay = new(2021, 3, 15);
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-features-").FullName;
    private readonly SqliteStore _store;

    public FeatureBuilderTests() => _store = new SqliteStore($"Data Source={Path.Combine(_folder, "f.db")}", TimeProvider.System);

    private static DateTimeOffset IssueTime => LocalClock.ToUtc(TargetDay.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), Caiso.TimeZone, AmbiguousTime.Earlier);

    private async Task<FeatureFrame> BuildAsync(TimeSpan step)
    {
        var (start, end) = LocalClock.DayBounds(TargetDay, Caiso.TimeZone);
        return await new FeatureBuilder(_store).BuildAsync(new FeatureRequest(Caiso, IssueTime, start, end, step), default);
    }

    /// <summary>Curtailment of <paramref name="mw"/> at every hour of each day, published by CAISO's next-day rule.</summary>
    private async Task SaveCurtailmentAsync(DateOnly first, int days, Func<DateOnly, double> mw)
    {
        var batch = new ImportBatch("test", "c.csv");
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            var (start, end) = LocalClock.DayBounds(day, Caiso.TimeZone);
            for (var t = start; t < end; t = t.AddHours(1))
            {
                batch.Observations.Add(new Observation("CAISO", SeriesIds.TotalCurtailment, t, TimeSpan.FromHours(1), mw(day), "test",
                    Caiso.CurtailmentPublication.PublishedAt(t, t.AddHours(1), Caiso.TimeZone)));
            }
        }

        await _store.SaveAsync(batch, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);
    }

    [Fact]
    public async Task BuildAsync_SpringForwardDay_HasOneRowPerIntervalOf23Hours()
    {
        var (start, end) = LocalClock.DayBounds(new DateOnly(2021, 3, 14), Caiso.TimeZone);

        var frame = await new FeatureBuilder(_store).BuildAsync(new FeatureRequest(Caiso, start.AddDays(-1), start, end, TimeSpan.FromMinutes(5)), default);

        Assert.Equal(23 * 12, frame.Count);
        Assert.Equal(FeatureSchema.Names.Count + 1, frame.Frame.Columns.Count);
        Assert.Equal(FeatureSchema.Names, frame.Frame.Columns.Skip(1).Select(c => c.Name));
    }

    [Fact]
    public async Task BuildAsync_History_SeesDayMinusTwoButNotDayMinusOne()
    {
        // Day D-1 (published at 10:00 on D) must be invisible at 10:00 on D-1; D-2 is the last known day.
        await SaveCurtailmentAsync(TargetDay.AddDays(-10), 10, day => day == TargetDay.AddDays(-1) ? 9999 : day == TargetDay.AddDays(-2) ? 700 : 100);

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        Assert.All(frame.Column("hist_last_day"), v => Assert.Equal(700f, v));
        Assert.All(frame.Column("hist_7d_max"), v => Assert.Equal(700f, v));
        Assert.All(frame.Column("hist_7d_event_freq"), v => Assert.Equal(1f / 7, v!.Value, 5));
        Assert.All(frame.Column("hist_days_known"), v => Assert.Equal(9f, v));
        Assert.All(frame.Column("hist_last_day_total"), v => Assert.Equal(700f * 24, v!.Value, 1));
    }

    [Fact]
    public async Task BuildAsync_RecentLevel_EndsAtTheLatestValuePublishedByIssueTime()
    {
        // At 10:00 on D-1 CAISO's latest published day is D-2: its last 6 and 24 hours, not D-1's.
        await SaveCurtailmentAsync(TargetDay.AddDays(-10), 10, day => day == TargetDay.AddDays(-1) ? 9999 : day == TargetDay.AddDays(-2) ? 700 : 100);
        var (_, dayMinus2End) = LocalClock.DayBounds(TargetDay.AddDays(-2), Caiso.TimeZone);
        var evening = new ImportBatch("test", "evening.csv");
        for (var t = dayMinus2End.AddHours(-6); t < dayMinus2End; t = t.AddHours(1))
        {
            evening.Observations.Add(new Observation("CAISO", SeriesIds.TotalCurtailment, t, TimeSpan.FromHours(1), 1000, "test",
                Caiso.CurtailmentPublication.PublishedAt(t, t.AddHours(1), Caiso.TimeZone)));
        }

        await _store.SaveAsync(evening, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        // D-2's last six hours were revised to 1000 MW; its other 18 hours stay at 700.
        Assert.All(frame.Column("hist_recent_6h_mean"), v => Assert.Equal(1000f, v));
        Assert.All(frame.Column("hist_recent_24h_mean"), v => Assert.Equal(((18 * 700f) + (6 * 1000f)) / 24, v!.Value, 3));
    }

    [Fact]
    public async Task BuildAsync_DayAheadForecastPublishedAfterIssue_IsNotUsed()
    {
        var (start, _) = LocalClock.DayBounds(TargetDay, Caiso.TimeZone);
        var batch = new ImportBatch("test", "fc.csv");
        batch.Observations.Add(new Observation("CAISO", SeriesIds.SolarForecastDayAhead, start.AddHours(12), TimeSpan.FromHours(1), 8000, "test", IssueTime));
        batch.Observations.Add(new Observation("CAISO", SeriesIds.WindForecastDayAhead, start.AddHours(12), TimeSpan.FromHours(1), 2000, "test", IssueTime));
        batch.Observations.Add(new Observation("CAISO", SeriesIds.SolarForecastDayAhead, start.AddHours(13), TimeSpan.FromHours(1), 8000, "test", IssueTime.AddMinutes(1)));
        batch.Observations.Add(new Observation("CAISO", SeriesIds.WindForecastDayAhead, start.AddHours(13), TimeSpan.FromHours(1), 2000, "test", IssueTime.AddMinutes(1)));
        await _store.SaveAsync(batch, "h", DateTimeOffset.UnixEpoch, default);

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        Assert.Equal(1f, frame.Column("has_re_fc")[12]);
        Assert.Equal(8000f, frame.Column("solar_fc")[12]);
        Assert.Equal(0f, frame.Column("has_re_fc")[13]);
        Assert.Equal(0f, frame.Column("solar_fc")[13]);
    }

    [Fact]
    public async Task BuildAsync_WeekChange_ComparesTheDayAheadDriversWithDaysMinus2To8()
    {
        // Day-ahead forecasts of D-8..D (each published at 09:00 the day before its day); D-1 holds values that
        // must not count (the week profile's days are D-2..D-8).
        var batch = new ImportBatch("test", "da.csv");
        for (var back = 0; back <= 8; back++)
        {
            var day = TargetDay.AddDays(-back);
            var (start, end) = LocalClock.DayBounds(day, Caiso.TimeZone);
            var published = LocalClock.ToUtc(day.AddDays(-1).ToDateTime(new TimeOnly(9, 0)), Caiso.TimeZone, AmbiguousTime.Earlier);
            var (demand, solar, wind) = back switch { 0 => (18_000.0, 7_000.0, 1_000.0), 1 => (99_999.0, 0.0, 0.0), _ => (20_000.0, 5_000.0, 1_000.0) };
            for (var t = start; t < end; t = t.AddHours(1))
            {
                batch.Observations.Add(new Observation("CAISO", SeriesIds.DemandForecastDayAhead, t, TimeSpan.FromHours(1), demand, "test", published));
                batch.Observations.Add(new Observation("CAISO", SeriesIds.SolarForecastDayAhead, t, TimeSpan.FromHours(1), solar, "test", published));
                batch.Observations.Add(new Observation("CAISO", SeriesIds.WindForecastDayAhead, t, TimeSpan.FromHours(1), wind, "test", published));
            }
        }

        await _store.SaveAsync(batch, "da", DateTimeOffset.UnixEpoch, default);

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        // Shares of the week's demand (20,000 MW): demand -2,000, solar +2,000, wind 0, net load -4,000.
        Assert.All(frame.Column("wk_demand_change"), v => Assert.Equal(-0.1f, v!.Value, 5));
        Assert.All(frame.Column("wk_solar_change"), v => Assert.Equal(0.1f, v!.Value, 5));
        Assert.All(frame.Column("wk_wind_change"), v => Assert.Equal(0f, v!.Value, 5));
        Assert.All(frame.Column("wk_net_load_change"), v => Assert.Equal(-0.2f, v!.Value, 5));
        Assert.All(frame.Column("wk_net_load_day_min_change"), v => Assert.Equal(-0.2f, v!.Value, 5));
        Assert.Equal(Enumerable.Repeat(TargetDay, 24), frame.LocalDays);
    }

    [Fact]
    public async Task BuildAsync_NoDataAtAll_GivesZerosAndFlagsNotAnError()
    {
        var frame = await BuildAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(288, frame.Count);
        Assert.All(frame.Column("has_re_fc"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("has_supply"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("hist_days_known"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("wk_net_load_change"), v => Assert.Equal(0f, v));
        Assert.All(Enumerable.Range(0, frame.Count), i => Assert.All(frame.Row(i), v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public async Task BuildAsync_Calendar_UsesLocalTime()
    {
        var frame = await BuildAsync(TimeSpan.FromHours(1));

        // Row 12 is 12:00-13:00 local; its midpoint 12:30 is past noon, so the day angle's sine is slightly negative.
        Assert.InRange(frame.Column("tod_sin")[12]!.Value, -0.2f, 0f);
        Assert.Equal((float)DayOfWeek.Monday, frame.Column("day_of_week")[0]);
        Assert.True(frame.Column("sun_elevation_deg")[12] > 40);
        Assert.True(frame.Column("sun_elevation_deg")[0] < 0);
    }

    private static Region Scotland => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")).Get("GB-SCOTLAND");

    /// <summary>Saves <paramref name="batch"/> and builds the half-hourly features of <paramref name="target"/> as issued at 10:00 on the day before.</summary>
    private async Task<FeatureFrame> SaveAndBuildDayAheadAsync(Region region, ImportBatch batch, DateOnly target)
    {
        await _store.SaveAsync(batch, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);
        var issued = LocalClock.ToUtc(target.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), region.TimeZone, AmbiguousTime.Earlier);
        var (targetStart, targetEnd) = LocalClock.DayBounds(target, region.TimeZone);
        return await new FeatureBuilder(_store).BuildAsync(new FeatureRequest(region, issued, targetStart, targetEnd, TimeSpan.FromMinutes(30)), default);
    }

    [Fact]
    public async Task BuildAsync_Transmission_UsesTheLastDayPublishedByIssueTime()
    {
        // Boundary limits of a day are known from that day's start: at 10:00 on D-1 the last known day is D-1 itself.
        var scotland = Scotland;
        var target = new DateOnly(2025, 6, 10);
        var rule = PublicationRule.SameDayStart;
        var batch = new ImportBatch("test", "b.csv");
        for (var d = -8; d <= 0; d++)
        {
            var day = target.AddDays(d);
            var (start, end) = LocalClock.DayBounds(day, scotland.TimeZone);
            for (var t = start; t < end; t = t.AddMinutes(30))
            {
                // The target day's limit is cut to 10% headroom, the day before to 5%, earlier days to 50%.
                var headroom = d == 0 ? 600 : d == -1 ? 300 : 3000;
                var published = rule.PublishedAt(t, t.AddMinutes(30), scotland.TimeZone);
                batch.Observations.Add(new Observation(scotland.Id, SeriesIds.BoundaryLimit("scotex"), t, TimeSpan.FromMinutes(30), 6000, "test", published));
                batch.Observations.Add(new Observation(scotland.Id, SeriesIds.BoundaryHeadroom("scotex"), t, TimeSpan.FromMinutes(30), headroom, "test", published));
            }
        }

        var frame = await SaveAndBuildDayAheadAsync(scotland, batch, target);

        Assert.All(frame.Column("has_transmission"), v => Assert.Equal(1f, v));
        Assert.All(frame.Column("transmission_headroom_min"), v => Assert.Equal(300f, v));
        Assert.All(frame.Column("transmission_headroom_share_min"), v => Assert.Equal(0.05f, v!.Value, 4));
        Assert.All(frame.Column("transmission_binding_count"), v => Assert.Equal(1f, v));
        Assert.All(frame.Column("transmission_binding_share_last_day"), v => Assert.Equal(1f, v));
        Assert.All(frame.Column("transmission_headroom_share_7d_mean"), v => Assert.Equal(((0.05f) + (6 * 0.5f)) / 7, v!.Value, 4));
    }

    [Fact]
    public async Task BuildAsync_MainBoundaryFlow_IsTheLatestKnownHoursOfTheFirstBoundary()
    {
        // At 10:00 on D-1 the boundary data of D-1 are known (from the day's start), D's are not. The main boundary's
        // flow over D-1's last six hours is 4,000 MW (earlier 1,000); D's 9,000 MW must not leak. In D-1's last two
        // hours the limit is a "no binding limit" cap, so no headroom is published: the flow counts, the loading not.
        var scotland = Scotland;
        var target = new DateOnly(2025, 6, 10);
        var rule = PublicationRule.SameDayStart;
        var batch = new ImportBatch("test", "b.csv");
        for (var d = -3; d <= 0; d++)
        {
            var (start, end) = LocalClock.DayBounds(target.AddDays(d), scotland.TimeZone);
            for (var t = start; t < end; t = t.AddMinutes(30))
            {
                var hoursToEnd = (end - t).TotalHours;
                var flow = d == 0 ? 9000 : d == -1 && hoursToEnd <= 6 ? 4000 : 1000;
                var capped = d == -1 && hoursToEnd <= 2;
                var published = rule.PublishedAt(t, t.AddMinutes(30), scotland.TimeZone);
                void Add(string series, double value) =>
                    batch.Observations.Add(new Observation(scotland.Id, series, t, TimeSpan.FromMinutes(30), value, "test", published));
                Add(SeriesIds.BoundaryFlow("scotex"), flow);
                Add(SeriesIds.BoundaryLimit("scotex"), capped ? 10_000 : 5000);
                if (!capped)
                {
                    Add(SeriesIds.BoundaryHeadroom("scotex"), 5000 - flow);
                }

                // A second boundary, listed after the main one, must not enter the main boundary's features.
                Add(SeriesIds.BoundaryFlow("sse_sp2"), 200);
                Add(SeriesIds.BoundaryLimit("sse_sp2"), 1000);
                Add(SeriesIds.BoundaryHeadroom("sse_sp2"), 800);
            }
        }

        var frame = await SaveAndBuildDayAheadAsync(scotland, batch, target);

        Assert.All(frame.Column("transmission_main_flow_recent_mw"), v => Assert.Equal(4000f, v));
        Assert.All(frame.Column("transmission_main_loading_recent"), v => Assert.Equal(0.8f, v!.Value, 4));
    }

    [Fact]
    public async Task BuildAsync_RegionWithoutBoundaryData_FlagsTransmissionAbsent()
    {
        var frame = await BuildAsync(TimeSpan.FromHours(1));

        Assert.All(frame.Column("has_transmission"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("transmission_headroom_share_min"), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task BuildAsync_RangeFromTheIssueTime_GivesTheTargetDayTheSameFeatures()
    {
        // A served vintage runs from its issue time (10:00 on D-1) to the end of D; a backtest builds D alone. Each of
        // D's rows must read the same either way, or the service would issue what the backtest never measured.
        await SaveDriversAsync(TargetDay.AddDays(-20), 21);
        await SaveCurtailmentAsync(TargetDay.AddDays(-20), 19, day => 100 + (7 * day.Day));
        var (start, end) = LocalClock.DayBounds(TargetDay, Caiso.TimeZone);
        var step = TimeSpan.FromHours(1);

        var day = await new FeatureBuilder(_store).BuildAsync(new FeatureRequest(Caiso, IssueTime, start, end, step), default);
        var served = await new FeatureBuilder(_store).BuildAsync(new FeatureRequest(Caiso, IssueTime, IssueTime, end, step), default);

        var offset = served.IntervalStarts.ToList().IndexOf(start);
        Assert.True(offset > 0);
        Assert.Equal(day.Count, served.Count - offset);
        foreach (var name in FeatureSchema.Names)
        {
            var expected = Enumerable.Range(0, day.Count).Select(i => day.Column(name)[i]);
            var actual = Enumerable.Range(offset, day.Count).Select(i => served.Column(name)[i]);
            Assert.True(expected.SequenceEqual(actual), $"{name} differs between the target day alone and the served range.");
        }

        Assert.Contains(Enumerable.Range(0, day.Count), i => day.Column("wk_net_load_change")[i] != 0);
    }

    /// <summary>Demand, its day-ahead forecast and the day-ahead solar and wind forecasts, different every day and hour.</summary>
    private async Task SaveDriversAsync(DateOnly first, int days)
    {
        var batch = new ImportBatch("test", "drivers.csv");
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            var (start, end) = LocalClock.DayBounds(day, Caiso.TimeZone);
            for (var t = start; t < end; t = t.AddHours(1))
            {
                var hour = TimeZoneInfo.ConvertTime(t, Caiso.TimeZone).Hour;
                var solar = Math.Max(0, 8000 * Math.Sin((hour - 6) / 12.0 * Math.PI)) * (0.7 + (0.03 * d));
                var demand = 22000 + (150 * hour) + (90 * d);
                Add(SeriesIds.Demand, demand, PublicationRule.RealTime);
                Add(SeriesIds.DemandForecastDayAhead, demand + 200, PublicationRule.DayAheadTen);
                Add(SeriesIds.SolarForecastDayAhead, solar, PublicationRule.DayAheadTen);
                Add(SeriesIds.WindForecastDayAhead, 2000 + (40 * d) + (10 * hour), PublicationRule.DayAheadTen);

                void Add(string series, double value, PublicationRule rule) => batch.Observations.Add(
                    new Observation("CAISO", series, t, TimeSpan.FromHours(1), value, "test", rule.PublishedAt(t, t.AddHours(1), Caiso.TimeZone)));
            }
        }

        await _store.SaveAsync(batch, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
