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
            var start = new DateTimeOffset(2021, 3, 1, 8, 0, 0, TimeSpan.Zero).AddDays(d);
            var columns = FeatureSchema.Names.ToDictionary(n => n, _ => new float[288]);
            var actual = new double[288];
            for (var i = 0; i < 288; i++)
            {
                columns["sun_elevation_deg"][i] = i < 144 ? -20 : 30;
                actual[i] = i < 144 ? 0 : 100;
                columns["solar_fc"][i] = 7;
            }

            var frame = new DataFrame();
            frame.Columns.Add(new PrimitiveDataFrameColumn<DateTime>("interval_start_utc", Enumerable.Range(0, 288).Select(i => start.AddMinutes(5 * i).UtcDateTime)));
            foreach (var name in FeatureSchema.Names)
            {
                frame.Columns.Add(new SingleDataFrameColumn(name, columns[name]));
            }

            var starts = Enumerable.Range(0, 288).Select(i => start.AddMinutes(5 * i)).ToList();
            data.AddDay(new DateOnly(2021, 3, 1).AddDays(d), new FeatureFrame(frame, starts, TimeSpan.FromMinutes(5), start.AddHours(-14)), actual);
        }

        return data;
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
}
