using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Features.Tests;

[Trait("Category", "Integration")]
public sealed class FeatureBuilderTimingTests : IDisposable
{
    private static readonly Region Caiso = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")).Get("CAISO");
    private static readonly DateOnly TargetDay = new(2021, 4, 15);
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-timing-").FullName;
    private readonly SqliteStore _store;

    public FeatureBuilderTimingTests() => _store = new SqliteStore($"Data Source={Path.Combine(_folder, "t.db")}", TimeProvider.System);

    private static DateTimeOffset IssueTime => LocalClock.ToUtc(TargetDay.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), Caiso.TimeZone, AmbiguousTime.Earlier);

    private async Task<FeatureFrame> BuildAsync(TimeSpan step)
    {
        var (start, end) = LocalClock.DayBounds(TargetDay, Caiso.TimeZone);
        return await new FeatureBuilder(_store).BuildAsync(new FeatureRequest(Caiso, IssueTime, start, end, step), default);
    }

    /// <summary>Hourly day-ahead demand, solar and wind forecasts of the target day, published at <paramref name="published"/>.</summary>
    private async Task SaveDayAheadAsync(Func<int, (double Demand, double Solar, double Wind)> byHour, DateTimeOffset published)
    {
        var batch = new ImportBatch("test", "da.csv");
        var (start, end) = LocalClock.DayBounds(TargetDay, Caiso.TimeZone);
        for (var t = start; t < end; t = t.AddHours(1))
        {
            var (demand, solar, wind) = byHour(TimeZoneInfo.ConvertTime(t, Caiso.TimeZone).Hour);
            batch.Observations.Add(new Observation("CAISO", SeriesIds.DemandForecastDayAhead, t, TimeSpan.FromHours(1), demand, "test", published));
            batch.Observations.Add(new Observation("CAISO", SeriesIds.SolarForecastDayAhead, t, TimeSpan.FromHours(1), solar, "test", published));
            batch.Observations.Add(new Observation("CAISO", SeriesIds.WindForecastDayAhead, t, TimeSpan.FromHours(1), wind, "test", published));
        }

        await _store.SaveAsync(batch, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);
    }

    /// <summary>Hourly curtailment of days <c>D-back</c> for back in 1..days, published by CAISO's next-day rule.</summary>
    private async Task SaveCurtailmentAsync(int days, Func<int, int, double> mwByDayBackAndHour)
    {
        var batch = new ImportBatch("test", "c.csv");
        for (var back = 1; back <= days; back++)
        {
            var (start, end) = LocalClock.DayBounds(TargetDay.AddDays(-back), Caiso.TimeZone);
            for (var t = start; t < end; t = t.AddHours(1))
            {
                var mw = mwByDayBackAndHour(back, TimeZoneInfo.ConvertTime(t, Caiso.TimeZone).Hour);
                batch.Observations.Add(new Observation("CAISO", SeriesIds.TotalCurtailment, t, TimeSpan.FromHours(1), mw, "test",
                    Caiso.CurtailmentPublication.PublishedAt(t, t.AddHours(1), Caiso.TimeZone)));
            }
        }

        await _store.SaveAsync(batch, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);
    }

    /// <summary>Net load bottoming out at 13:00: demand flat at 20,000 MW, wind 1,000 MW, solar a tent peaking at 13:00.</summary>
    private static (double Demand, double Solar, double Wind) Tent(int hour) => (20_000, Math.Max(0, 7 - Math.Abs(hour - 13)) * 1_000, 1_000);

    [Fact]
    public async Task BuildAsync_NetLoadShape_GivesHoursFromTheMinimumAndTheRankWithinTheDay()
    {
        await SaveDayAheadAsync(Tent, IssueTime.AddHours(-1));

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        Assert.All(frame.Column("timing_has_net_load"), v => Assert.Equal(1f, v));
        for (var hour = 0; hour < 24; hour++)
        {
            Assert.Equal(hour - 13f, frame.Column("timing_hours_from_net_load_min")[hour]);
        }

        // 13:00 is the lowest of the day; 12:00 and 14:00 tie next (one row below them); the 11 sunless hours tie highest.
        Assert.Equal(0f, frame.Column("timing_net_load_rank")[13]);
        Assert.Equal(1f / 23, frame.Column("timing_net_load_rank")[12]!.Value, 5);
        Assert.Equal(1f / 23, frame.Column("timing_net_load_rank")[14]!.Value, 5);
        Assert.Equal(13f / 23, frame.Column("timing_net_load_rank")[3]!.Value, 5);
    }

    [Fact]
    public async Task BuildAsync_SolarForecast_RampIsTheRisePerHourAroundTheInterval()
    {
        await SaveDayAheadAsync(Tent, IssueTime.AddHours(-1));

        var hourly = await BuildAsync(TimeSpan.FromHours(1));
        var fiveMinute = await BuildAsync(TimeSpan.FromMinutes(5));

        // Rising 1,000 MW/h before 13:00, falling after, flat at the peak (12:00 and 14:00 are equal); the tent's peak is 7,000 MW.
        Assert.Equal(1_000f, hourly.Column("timing_solar_ramp")[10]);
        Assert.Equal(0f, hourly.Column("timing_solar_ramp")[13]);
        Assert.Equal(-1_000f, hourly.Column("timing_solar_ramp")[16]);
        Assert.Equal(1_000f / 7_000, hourly.Column("timing_solar_ramp_share")[10]!.Value, 5);
        // The first row has no hour before it: a one-sided difference within the day.
        Assert.Equal(0f, hourly.Column("timing_solar_ramp")[0]);
        // Hourly values on a 5-minute grid: an hour each side of 10:00 is 09:00 and 11:00.
        Assert.Equal(1_000f, fiveMinute.Column("timing_solar_ramp")[10 * 12]);
        Assert.Equal(-1f, fiveMinute.Column("timing_hours_from_net_load_min")[12 * 12]);
    }

    [Fact]
    public async Task BuildAsync_DayAheadForecastsPublishedAfterIssue_LeaveTheNetLoadPartsAtZero()
    {
        await SaveDayAheadAsync(Tent, IssueTime.AddMinutes(1));

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        foreach (var name in new[] { "timing_has_net_load", "timing_hours_from_net_load_min", "timing_net_load_rank", "timing_solar_ramp", "timing_solar_ramp_share" })
        {
            Assert.All(frame.Column(name), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public async Task BuildAsync_CurtailmentHistory_GivesOnsetAndEndOfTheKnownDaysOnly()
    {
        // D-1 is published after the issue (10:00 on D-1): its 05:00-20:00 must not count. D-2 runs 09:00-15:00 with a
        // stray 10 MW at 07:00 (under a tenth of its 500 MW peak); D-3..D-8 run 10:00-14:00; D-9 (outside the week) 06:00-18:00.
        await SaveCurtailmentAsync(9, (back, hour) => back switch
        {
            1 => hour is >= 5 and <= 20 ? 900 : 0,
            2 => hour is >= 9 and <= 15 ? 500 : hour == 7 ? 10 : 0,
            9 => hour is >= 6 and <= 18 ? 300 : 0,
            _ => hour is >= 10 and <= 14 ? 200 : 0,
        });

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        var onsetMean = (9f + (6 * 10f)) / 7;
        var endMean = (15f + (6 * 14f)) / 7;
        Assert.All(frame.Column("timing_onset_last"), v => Assert.Equal(9f, v));
        Assert.All(frame.Column("timing_end_last"), v => Assert.Equal(15f, v));
        Assert.All(frame.Column("timing_onset_7d_mean"), v => Assert.Equal(onsetMean, v!.Value, 4));
        Assert.All(frame.Column("timing_end_7d_mean"), v => Assert.Equal(endMean, v!.Value, 4));
        Assert.All(frame.Column("timing_curtailed_days_7d"), v => Assert.Equal(7f, v));
        Assert.Equal(12f - onsetMean, frame.Column("timing_hours_after_onset")[12]!.Value, 4);
        Assert.Equal(endMean - 12f, frame.Column("timing_hours_before_end")[12]!.Value, 4);
    }

    [Fact]
    public async Task BuildAsync_KnownDaysWithoutCurtailment_LeaveOnsetPartsAtZeroAndCountThem()
    {
        // Only D-5 is curtailed among the known days; D-2 (the last known day) is not.
        await SaveCurtailmentAsync(8, (back, hour) => back == 5 && hour is >= 11 and <= 13 ? 100 : 0);

        var frame = await BuildAsync(TimeSpan.FromHours(1));

        Assert.All(frame.Column("timing_onset_last"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("timing_end_last"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("timing_curtailed_days_7d"), v => Assert.Equal(1f, v));
        Assert.All(frame.Column("timing_onset_7d_mean"), v => Assert.Equal(11f, v));
        Assert.Equal(-11f, frame.Column("timing_hours_after_onset")[0]);
    }

    [Fact]
    public async Task BuildAsync_NoHistoryNoForecasts_BuildsEveryTimingFeatureAsZero()
    {
        var frame = await BuildAsync(TimeSpan.FromMinutes(5));

        foreach (var name in FeatureSchema.Names.Where(n => FeatureSchema.GroupOf(n) == "timing"))
        {
            Assert.All(frame.Column(name), v => Assert.Equal(0f, v));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
