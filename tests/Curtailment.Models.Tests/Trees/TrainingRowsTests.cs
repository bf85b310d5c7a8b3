using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Features;
using Curtailment.Models.Trees;
using Microsoft.Data.Analysis;

namespace Curtailment.Models.Tests.Trees;

public sealed class TrainingRowsTests
{
    private static readonly Region Caiso = new(
        "CAISO", "California ISO", "CAISO", "America/Los_Angeles", 36.78, -119.42, TimeSpan.FromMinutes(5),
        new RegionTarget("total_curtailment_mw", 500), PublicationRule.NextDayTen);

    /// <summary>Two days of 5-minute rows: night (sun below the horizon, zero target) before noon, day after.</summary>
    private static TrainingSet TwoDays()
    {
        var data = new TrainingSet();
        for (var d = 0; d < 2; d++)
        {
            AddDay(data, new DateOnly(2021, 3, 1).AddDays(d), TimeSpan.FromMinutes(5));
        }

        return data;
    }

    /// <summary>One day at <paramref name="step"/>: night (sun below the horizon, zero target) before noon, 100 MW after.</summary>
    private static void AddDay(TrainingSet data, DateOnly day, TimeSpan step)
    {
        var count = (int)(TimeSpan.FromDays(1) / step);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var columns = FeatureSchema.Names.ToDictionary(n => n, _ => new float[count]);
        var actual = new double[count];
        for (var i = 0; i < count; i++)
        {
            columns["sun_elevation_deg"][i] = i < count / 2 ? -20 : 30;
            actual[i] = i < count / 2 ? 0 : 100;
            columns["solar_fc"][i] = 7;
        }

        var frame = new DataFrame();
        frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("interval_start_utc", Enumerable.Range(0, count).Select(i => (start + (step * i)).UtcDateTime)));
        foreach (var name in FeatureSchema.Names)
        {
            frame.Columns.Add(new SingleDataFrameColumn(name, columns[name]));
        }

        var starts = Enumerable.Range(0, count).Select(i => start + (step * i)).ToList();
        data.AddDay(day, new FeatureFrame(frame, starts, step, start.AddHours(-14)), actual);
    }

    [Fact]
    public void TrainingRows_FifteenMinuteStrideAndNightThinning_KeepTheTotalWeightPerPart()
    {
        var data = TwoDays();
        var options = new CurtailmentModelOptions { TrainingStrideMinutes = 15, NightZeroRowsKeptEvery = 3, RecencyHalfLifeDays = 1e9 };

        var rows = CurtailmentModelTrainer.TrainingRows(Caiso, data, options, new DateOnly(2021, 3, 2));

        var night = rows.Where(r => r.Features[FeatureSchema.Names.ToList().IndexOf("sun_elevation_deg")] < 0).ToList();
        var day = rows.Except(night).ToList();
        // 2 x 144 day rows at one in three, 2 x 144 night rows at one in nine.
        Assert.Equal(96, day.Count);
        Assert.Equal(32, night.Count);
        Assert.Equal(288, day.Sum(r => r.Weight), 3);
        Assert.Equal(288, night.Sum(r => r.Weight), 3);
    }

    [Fact]
    public void TrainingRows_StrideRotatesWithTheDay_EveryClockTimeSeenOverThreeDays()
    {
        var data = TwoDays();
        var options = new CurtailmentModelOptions { TrainingStrideMinutes = 15, NightZeroRowsKeptEvery = 1 };

        var rows = CurtailmentModelTrainer.TrainingRows(Caiso, data, options, new DateOnly(2021, 3, 2));

        // Two consecutive days keep different slots of each 15-minute block.
        Assert.Equal(192, rows.Count);
        var slotsSeen = data.Slots.Where((s, i) => (s + data.RowDays[i].DayNumber) % 3 == 0).Select(s => s % 3).Distinct().Count();
        Assert.Equal(2, slotsSeen);
    }

    [Fact]
    public void TrainingRows_ExcludedGroup_IsZeroedButOthersKept()
    {
        var data = TwoDays();
        var options = new CurtailmentModelOptions { ExcludedFeatureGroups = ["renewables"] };

        var rows = CurtailmentModelTrainer.TrainingRows(Caiso, data, options, new DateOnly(2021, 3, 2));

        var solar = FeatureSchema.Names.ToList().IndexOf("solar_fc");
        var sun = FeatureSchema.Names.ToList().IndexOf("sun_elevation_deg");
        Assert.All(rows, r => Assert.Equal(0, r.Features[solar]));
        Assert.Contains(rows, r => r.Features[sun] != 0);
        // The training set's own rows are not modified.
        Assert.All(data.Features, f => Assert.Equal(7, f[solar]));
    }

    [Fact]
    public void TrainingRows_OlderThanTheAgeLimit_AreLeftOut()
    {
        var data = TwoDays();
        var limited = new CurtailmentModelOptions { TrainingStrideMinutes = 0, NightZeroRowsKeptEvery = 1, RecencyHalfLifeDays = 0.25, MaxRowAgeHalfLives = 2 };
        var unlimited = limited with { MaxRowAgeHalfLives = 0 };

        var recent = CurtailmentModelTrainer.TrainingRows(Caiso, data, limited, new DateOnly(2021, 3, 2));
        var all = CurtailmentModelTrainer.TrainingRows(Caiso, data, unlimited, new DateOnly(2021, 3, 2));

        // The first day is one day (four half-lives) old: past the limit of two.
        Assert.Equal(288, recent.Count);
        Assert.Equal(576, all.Count);
        Assert.All(recent, r => Assert.Equal(1, r.Weight, 6));
    }

    [Fact]
    public void TrainingRows_HourlyDayAmongFiveMinuteDays_WeighsAsMuchAsAFiveMinuteDay()
    {
        var data = new TrainingSet();
        AddDay(data, new DateOnly(2021, 2, 28), TimeSpan.FromHours(1));
        AddDay(data, new DateOnly(2021, 3, 1), TimeSpan.FromMinutes(5));
        var options = new CurtailmentModelOptions { TrainingStrideMinutes = 15, NightZeroRowsKeptEvery = 3, RecencyHalfLifeDays = 1e9 };

        var rows = CurtailmentModelTrainer.TrainingRows(Caiso, data, options, new DateOnly(2021, 3, 1));

        Assert.Equal(TimeSpan.FromMinutes(5), data.Step);
        var hourly = rows.Take(rows.Count - 64).ToList();
        // 12 daytime hourly rows, every one kept; 4 of the 12 night rows kept, each standing for three.
        Assert.Equal(16, hourly.Count);
        Assert.Equal(288, hourly.Sum(r => r.Weight), 3);
        Assert.Equal(288, rows.Skip(hourly.Count).Sum(r => r.Weight), 3);
    }

    [Fact]
    public void TrainingRows_SameSeasonShare_KeepsEarlierYearsNearTheTargetsDayOfYearOnly()
    {
        var data = new TrainingSet();
        var lastDay = new DateOnly(2021, 3, 1);
        // The target (two days on) is 3 March: two years before it, and half a year from it.
        AddDay(data, new DateOnly(2019, 3, 3), TimeSpan.FromHours(1));
        AddDay(data, new DateOnly(2019, 9, 3), TimeSpan.FromHours(1));
        AddDay(data, lastDay, TimeSpan.FromHours(1));
        var recencyOnly = new CurtailmentModelOptions { NightZeroRowsKeptEvery = 1, RecencyHalfLifeDays = 45, SameSeasonShare = 0 };
        var seasonal = recencyOnly with { SameSeasonShare = 0.25, SameSeasonHalfWidthDays = 21 };

        var recent = CurtailmentModelTrainer.TrainingRows(Caiso, data, recencyOnly, lastDay);
        var withSeason = CurtailmentModelTrainer.TrainingRows(Caiso, data, seasonal, lastDay);

        Assert.Equal(24, recent.Count);
        Assert.Equal(48, withSeason.Count);
        // The last day: its recency (1) plus the share at 2 days from the target's day of year.
        Assert.Equal(1 + (0.25 * Math.Pow(0.5, 2 / 21.0)), withSeason[^1].Weight, 5);
        // Two years earlier, on the target's day of year (729 days before the last day): the share, barely any recency.
        Assert.Equal(0.25 + Math.Pow(0.5, 729 / 45.0), withSeason[0].Weight, 5);
    }
}
