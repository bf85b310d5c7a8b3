using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class DayLevelModelTests
{
    /// <summary>Days whose mean is the week profile's times e^(0.7 weekend - 2 trough change + 0.4 boundary flow GW), exactly.</summary>
    private static List<(double[] Inputs, double ActualMean, double WeekProfileMean, double Weight)> Days(int count)
    {
        var days = new List<(double[], double, double, double)>();
        for (var d = 0; d < count; d++)
        {
            var weekend = d % 7 >= 5 ? 1.0 : 0.0;
            var trough = ((d * 37) % 11 - 5) / 16.0;
            var weekProfile = 400.0 + (d * 13 % 300);
            var flowGw = (d * 17 % 7) * 0.8;
            var actual = double.ExpM1(double.LogP1(weekProfile) + (0.7 * weekend) - (2 * trough) + (0.4 * flowGw));
            days.Add(([weekend, 0, trough, flowGw], actual, weekProfile, 1));
        }

        return days;
    }

    [Fact]
    public void Fit_RecoversTheDayLevelRelation()
    {
        var model = DayLevelModel.Fit(Days(120))!;

        // The ridge penalty shrinks the slopes a little; their signs and sizes must come through.
        Assert.InRange(model.Weights[1], 0.55, 0.75);
        Assert.InRange(model.Weights[3], -2.1, -1.3);
        Assert.InRange(model.Weights[4], 0.3, 0.45);
        Assert.True(model.DayMean([1, 0, -0.1, 0], 500) > 2 * model.DayMean([0, 0, 0.1, 0], 500));
        Assert.True(model.DayMean([0, 0, 0, 4], 500) > 3 * model.DayMean([0, 0, 0, 0], 500));
    }

    [Fact]
    public void Fit_TooFewDays_GivesNoModel() => Assert.Null(DayLevelModel.Fit(Days(DayLevelModel.InputNames.Count + 1)));

    [Fact]
    public void Factor_ShareSetsHowFarTheDayMovesInLogTerms()
    {
        var model = new DayLevelModel([Math.Log(4), 0, 0, 0, 0]); // always 4x the week profile (in 1 + MW terms)
        var expected = model.DayMean([0, 0, 0, 0], 99);

        Assert.Equal(1, model.Factor([0, 0, 0, 0], 99, 100, share: 0), 9);
        Assert.Equal(expected / 100, model.Factor([0, 0, 0, 0], 99, 100, share: 1), 9);
        Assert.Equal(Math.Sqrt(expected * 100) / 100, model.Factor([0, 0, 0, 0], 99, 100, share: 0.5), 9);
    }

    [Fact]
    public void Inputs_WeekendOrHolidayDaylightDemandChangeAndBoundaryFlow()
    {
        var names = Features.FeatureSchema.Names.ToList();
        float[] Row(float sun, float demandChange, float holiday)
        {
            var row = new float[names.Count];
            row[names.IndexOf("sun_elevation_deg")] = sun;
            row[names.IndexOf("wk_demand_change")] = demandChange;
            row[names.IndexOf("is_holiday")] = holiday;
            row[names.IndexOf("wk_net_load_day_min_change")] = -0.1f;
            row[names.IndexOf("transmission_main_flow_recent_mw")] = 3500;
            return row;
        }

        var inputs = DayLevelModel.Inputs([Row(-5, 0.5f, 1), Row(30, -0.1f, 1), Row(40, -0.2f, 1)]);

        Assert.Equal(1, inputs[0]);
        Assert.Equal(-0.15, inputs[1], 6); // night rows left out of the demand change
        Assert.Equal(-0.1, inputs[2], 6);
        Assert.Equal(3.5, inputs[3], 6); // GW
    }
}
