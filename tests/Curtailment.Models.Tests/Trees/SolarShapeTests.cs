using Curtailment.Features;
using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class SolarShapeTests
{
    private static readonly int Solar = FeatureSchema.IndexOf("solar_fc");
    private static readonly int HasForecast = FeatureSchema.IndexOf("has_re_fc");
    private static readonly DateOnly Monday = new(2021, 3, 1);

    /// <summary>One row per solar value, with or without an operator forecast.</summary>
    private static List<float[]> Rows(double[] solar, bool hasForecast = true) =>
        [.. solar.Select(s =>
        {
            var row = new float[FeatureSchema.Names.Count];
            row[Solar] = (float)s;
            row[HasForecast] = hasForecast ? 1 : 0;
            return row;
        })];

    [Fact]
    public void Apply_KeepsTheDaysTotalAndMovesTheShareAlongTheSharpenedSolar()
    {
        // Solar 0, 500, 1000 MW: squared and relative to the peak, 0, 0.25, 1 (shares 0, 0.2, 0.8 of the day).
        var rows = Rows([0, 500, 1000]);
        var points = new[] { 30.0, 30, 40 };

        new SolarShape(0.5, 2).Apply(rows, [Monday, Monday, Monday], points);

        Assert.Equal(100, points.Sum(), 9);
        Assert.Equal(15, points[0], 9);
        Assert.Equal(15 + (0.5 * 100 * 0.2), points[1], 9);
        Assert.Equal(20 + (0.5 * 100 * 0.8), points[2], 9);
    }

    [Fact]
    public void Apply_DayWithoutASolarForecast_IsLeftAsItIs()
    {
        var tuesday = Monday.AddDays(1);
        var rows = Rows([0, 800, 0, 800]);
        rows[2][HasForecast] = 0;
        rows[3][HasForecast] = 0;
        var points = new[] { 10.0, 10, 10, 30 };

        new SolarShape(1, 4).Apply(rows, [Monday, Monday, tuesday, tuesday], points);

        Assert.Equal([0.0, 20, 10, 30], points);
    }

    [Fact]
    public void Fit_CurtailmentAtTheSolarPeak_KeepsTheStep_AtNight_DoesNot()
    {
        // A flat forecast of a day whose curtailment is all at the solar peak, and of one whose curtailment is at night.
        var rows = Rows([0, 200, 1000, 200]);
        var days = new[] { Monday, Monday, Monday, Monday };
        var flat = new[] { 25.0, 25, 25, 25 };
        var weights = new[] { 1.0, 1, 1, 1 };

        var midday = SolarShape.Fit(rows, days, flat, [0, 0, 100, 0], weights, share: 0.5, exponent: 4);
        var night = SolarShape.Fit(rows, days, flat, [100, 0, 0, 0], weights, share: 0.5, exponent: 4);

        Assert.Equal(new SolarShape(0.5, 4), midday);
        Assert.Null(night);
    }

    [Fact]
    public void Fit_ShareZeroOrNoSolarForecast_GivesNoStep()
    {
        var days = new[] { Monday, Monday };
        double[] points = [0, 50];
        double[] actual = [0, 100];
        double[] weights = [1, 1];

        Assert.Null(SolarShape.Fit(Rows([0, 1000]), days, points, actual, weights, share: 0, exponent: 4));
        Assert.Null(SolarShape.Fit(Rows([0, 1000], hasForecast: false), days, points, actual, weights, share: 0.5, exponent: 4));
    }
}
