using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Features.Tests;

/// <summary>How the feature builder feeds and uses the series forecaster (SSA in production, a recorder here).</summary>
[Trait("Category", "Integration")]
public sealed class FeatureBuilderSeriesForecastTests : IDisposable
{
    private static readonly Region Caiso = RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")).Get("CAISO");
    private static readonly DateOnly TargetDay = new(2021, 3, 10);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-features-ssa-").FullName;
    private readonly SqliteStore _store;

    public FeatureBuilderSeriesForecastTests() => _store = new SqliteStore($"Data Source={Path.Combine(_folder, "f.db")}", TimeProvider.System);

    private static DateTimeOffset IssueTime => LocalClock.ToUtc(TargetDay.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), Caiso.TimeZone, AmbiguousTime.Earlier);

    private static (DateTimeOffset Start, DateTimeOffset End) Target => LocalClock.DayBounds(TargetDay, Caiso.TimeZone);

    /// <summary>Demand history whose value encodes its hour (10000 + hours since the history start), published at each hour's end.</summary>
    private static double DemandAt(DateTimeOffset start) => 10000 + ((start - IssueTime.AddDays(-FeatureBuilder.DemandForecastHistoryDays)) / Hour);

    private async Task SaveAsync(string series, IEnumerable<DateTimeOffset> starts, Func<DateTimeOffset, double> value, Func<DateTimeOffset, DateTimeOffset> publishedAt)
    {
        var batch = new ImportBatch("test", series + ".csv");
        foreach (var t in starts)
        {
            batch.Observations.Add(new Observation("CAISO", series, t, Hour, value(t), "test", publishedAt(t)));
        }

        await _store.SaveAsync(batch, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch, default);
    }

    private static IEnumerable<DateTimeOffset> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = from; t < to; t += Hour)
        {
            yield return t;
        }
    }

    private Task SaveDemandHistoryAsync(Func<DateTimeOffset, bool>? skip = null) =>
        SaveAsync(SeriesIds.Demand, Hours(IssueTime.AddDays(-FeatureBuilder.DemandForecastHistoryDays), IssueTime).Where(t => skip is null || !skip(t)), DemandAt, t => t + Hour);

    private Task<FeatureFrame> BuildAsync(RecordingSeriesForecaster? forecaster, TimeSpan step) =>
        new FeatureBuilder(_store, forecaster).BuildAsync(new FeatureRequest(Caiso, IssueTime, Target.Start, Target.End, step), default);

    /// <summary>Forecasts "hours since issue" so that the value on a row shows which hour it came from.</summary>
    private static RecordingSeriesForecaster HourIndexForecaster() => new((_, horizon) => [.. Enumerable.Range(0, horizon).Select(h => (double)h)]);

    /// <summary>The call that received the demand history (its values are all above 10000).</summary>
    private static (double[] History, int Horizon) DemandCall(RecordingSeriesForecaster forecaster) =>
        forecaster.Calls.Single(c => c.History.Any(v => v >= 10000));

    [Fact]
    public async Task BuildAsync_NoOperatorDemandForecast_UsesSeriesForecastAlignedToTargetHours()
    {
        await SaveDemandHistoryAsync();
        var forecaster = HourIndexForecaster();

        var frame = await BuildAsync(forecaster, TimeSpan.FromMinutes(5));

        // 10:00 on D-1 to 00:00 on D is 14 hours: target hour k is forecast step 14 + k.
        var hoursToTarget = (int)((Target.Start - IssueTime) / Hour);
        Assert.Equal(14, hoursToTarget);
        Assert.Equal(hoursToTarget + 24, DemandCall(forecaster).Horizon);
        Assert.All(Enumerable.Range(0, frame.Count), i => Assert.Equal(hoursToTarget + (i / 12), frame.Column("demand_fc")[i]));
        Assert.All(frame.Column("demand_fc_is_ssa"), v => Assert.Equal(1f, v));
        Assert.All(frame.Column("demand_fc_is_operator"), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task BuildAsync_OperatorDemandForecastPublished_UsesItAndSeriesForecastOnlyWhereMissing()
    {
        await SaveDemandHistoryAsync();
        // The operator's forecast covers every target hour but hour 5.
        await SaveAsync(SeriesIds.DemandForecastDayAhead, Hours(Target.Start, Target.End).Where(t => t != Target.Start.AddHours(5)), _ => 30000, _ => IssueTime);
        var forecaster = HourIndexForecaster();

        var frame = await BuildAsync(forecaster, Hour);

        Assert.Equal(30000f, frame.Column("demand_fc")[4]);
        Assert.Equal(1f, frame.Column("demand_fc_is_operator")[4]);
        Assert.Equal(0f, frame.Column("demand_fc_is_ssa")[4]);
        Assert.Equal(14f + 5, frame.Column("demand_fc")[5]);
        Assert.Equal(1f, frame.Column("demand_fc_is_ssa")[5]);
        Assert.Equal(0f, frame.Column("demand_fc_is_operator")[5]);
    }

    [Fact]
    public async Task BuildAsync_OperatorDemandForecastComplete_DoesNotAskForADemandForecast()
    {
        await SaveDemandHistoryAsync();
        await SaveAsync(SeriesIds.DemandForecastDayAhead, Hours(Target.Start, Target.End), _ => 30000, _ => IssueTime);
        var forecaster = HourIndexForecaster();

        var frame = await BuildAsync(forecaster, Hour);

        Assert.DoesNotContain(forecaster.Calls, c => c.History.Any(v => v >= 10000));
        Assert.All(frame.Column("demand_fc"), v => Assert.Equal(30000f, v));
        Assert.All(frame.Column("demand_fc_is_ssa"), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task BuildAsync_WithoutSeriesForecaster_FallsBackToSevenDayProfile()
    {
        await SaveDemandHistoryAsync();

        var frame = await BuildAsync(null, Hour);

        // The same clock time 1..8 days back: the mean of the known days' hour codes.
        var known = Enumerable.Range(1, 8).Select(k => Target.Start.AddHours(3).AddDays(-k)).Where(t => t < IssueTime).Select(DemandAt).Average();
        Assert.Equal((float)known, frame.Column("demand_fc")[3]!.Value, 1);
        Assert.All(frame.Column("demand_fc_is_ssa"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("ssa_target_fc"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("has_ssa_target_fc"), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task BuildAsync_TargetForecasterOnly_KeepsDemandProfileAndForecastsTarget()
    {
        await SaveDemandHistoryAsync();
        await SaveAsync(SeriesIds.TotalCurtailment, Hours(IssueTime.AddDays(-20), IssueTime.AddDays(-1)), _ => 700, _ => IssueTime.AddDays(-1));
        var target = new RecordingSeriesForecaster((_, horizon) => [.. Enumerable.Repeat(300.0, horizon)]);

        var frame = await new FeatureBuilder(_store, null, target).BuildAsync(new FeatureRequest(Caiso, IssueTime, Target.Start, Target.End, Hour), default);

        Assert.DoesNotContain(target.Calls, c => c.History.Any(v => v >= 10000));
        Assert.All(frame.Column("demand_fc_is_ssa"), v => Assert.Equal(0f, v));
        Assert.All(frame.Column("ssa_target_fc"), v => Assert.Equal(300f, v));
    }

    [Fact]
    public async Task BuildAsync_DemandPublishedAfterIssue_ChangesNeitherTheHistoryNorTheFeature()
    {
        // The last three hours before the issue are not yet published at the issue time.
        await SaveDemandHistoryAsync(t => t >= IssueTime.AddHours(-3));
        var before = new RecordingSeriesForecaster((history, horizon) => [.. Enumerable.Repeat(history.Where(double.IsFinite).Average(), horizon)]);
        var frameBefore = await BuildAsync(before, Hour);

        // Those hours and the next day arrive a minute after the issue time.
        await SaveAsync(SeriesIds.Demand, Hours(IssueTime.AddHours(-3), IssueTime.AddDays(1)), _ => 99999, _ => IssueTime.AddMinutes(1));
        var after = new RecordingSeriesForecaster((history, horizon) => [.. Enumerable.Repeat(history.Where(double.IsFinite).Average(), horizon)]);
        var frameAfter = await BuildAsync(after, Hour);

        Assert.Equal(DemandCall(before).History, DemandCall(after).History);
        Assert.Equal(frameBefore.Column("demand_fc"), frameAfter.Column("demand_fc"));
        Assert.DoesNotContain(99999.0, DemandCall(after).History);
        Assert.Equal(3, DemandCall(after).History.Reverse().TakeWhile(double.IsNaN).Count());
        // The check has teeth: read as of a minute later, the late values do reach the forecaster.
        var later = new RecordingSeriesForecaster((history, horizon) => [.. Enumerable.Repeat(history.Where(double.IsFinite).Average(), horizon)]);
        await new FeatureBuilder(_store, later).BuildAsync(new FeatureRequest(Caiso, IssueTime.AddMinutes(1), Target.Start, Target.End, Hour), default);
        Assert.Contains(99999.0, DemandCall(later).History);
    }

    [Fact]
    public async Task BuildAsync_GapsInDemandHistory_KeepTheirPlaceAsNaN()
    {
        // Six hours missing five days before the issue, and the last two hours not yet published.
        var gapStart = IssueTime.AddDays(-5);
        await SaveDemandHistoryAsync(t => (t >= gapStart && t < gapStart.AddHours(6)) || t >= IssueTime.AddHours(-2));
        var forecaster = HourIndexForecaster();

        await BuildAsync(forecaster, Hour);

        var history = DemandCall(forecaster).History;
        Assert.Equal(FeatureBuilder.DemandForecastHistoryDays * 24, history.Length);
        for (var i = 0; i < history.Length; i++)
        {
            var t = IssueTime.AddDays(-FeatureBuilder.DemandForecastHistoryDays) + (Hour * i);
            var missing = (t >= gapStart && t < gapStart.AddHours(6)) || t >= IssueTime.AddHours(-2);
            Assert.Equal(missing ? double.NaN : DemandAt(t), history[i]);
        }
    }

    [Fact]
    public async Task BuildAsync_TargetForecast_SeesOnlyPublishedDaysAndIsClippedAtZero()
    {
        // Curtailment of every hour up to the target, published by CAISO's next-morning rule: D-1 is unknown at issue.
        var from = Target.Start.AddDays(-FeatureBuilder.TargetForecastHistoryDays - 1);
        await SaveAsync(SeriesIds.TotalCurtailment, Hours(from, Target.Start), _ => 700, t => Caiso.CurtailmentPublication.PublishedAt(t, t + Hour, Caiso.TimeZone));
        var forecaster = new RecordingSeriesForecaster((_, horizon) => [.. Enumerable.Range(0, horizon).Select(h => h % 2 == 0 ? -50.0 : 400.0)]);

        var frame = await BuildAsync(forecaster, Hour);

        var target = forecaster.Calls.Single(c => c.History.Any(v => v == 700));
        // Hours after the end of D-2 (00:00 to 10:00 on D-1) are unpublished: trailing NaN for the forecaster to cross.
        var trailing = target.History.Reverse().TakeWhile(double.IsNaN).Count();
        Assert.Equal(10, trailing);
        Assert.All(target.History.SkipLast(trailing), v => Assert.Equal(700, v));
        // Target hour k is step 14 + k: even steps (negative) clip to 0, odd ones pass.
        Assert.Equal(0f, frame.Column("ssa_target_fc")[0]);
        Assert.Equal(400f, frame.Column("ssa_target_fc")[1]);
        Assert.All(frame.Column("has_ssa_target_fc"), v => Assert.Equal(1f, v));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
