using System.Text.Json;
using Curtailment.Features;
using Curtailment.Models.Trees;

namespace Curtailment.Models.Tests.Trees;

public sealed class QuantileForestTests
{
    private static readonly int Driver = FeatureSchema.IndexOf("solar_fc");

    /// <summary>Forecasts of 300 MW whose error is ten times wider where the driver is high than where it is low.</summary>
    private static (List<float[]> Rows, List<double> Predicted, List<double> Actual) Sample(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float[]>();
        var actual = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var row = new float[FeatureSchema.Names.Count];
            row[Driver] = (float)random.NextDouble();
            var spread = row[Driver] > 0.5 ? 1.0 : 0.1;
            rows.Add(row);
            actual.Add(Math.Max(0, double.ExpM1(double.LogP1(300) + (spread * ((random.NextDouble() * 2) - 1)))));
        }

        return (rows, rows.Select(_ => 300.0).ToList(), actual);
    }

    [Fact]
    public void Fit_CoversAboutEightyPercentOfANewSample_InTheNarrowAndTheWideRegime()
    {
        var (rows, predicted, actual) = Sample(4000, 1);
        var (later, laterPredicted, laterActual) = Sample(4000, 2);

        var forest = QuantileForest.Fit(rows, predicted, actual, 42)!;

        foreach (var wide in new[] { false, true })
        {
            var indices = Enumerable.Range(0, later.Count).Where(i => later[i][Driver] > 0.5 == wide).ToList();
            var inside = indices.Count(i => forest.Around(later[i], laterPredicted[i]) is var (low, high) && low <= laterActual[i] && laterActual[i] <= high);
            Assert.InRange(inside / (double)indices.Count, 0.72, 0.88);
        }

        var narrowWidth = forest.Around(later.First(r => r[Driver] < 0.3), 300) is var (l1, h1) ? h1 - l1 : 0;
        var wideWidth = forest.Around(later.First(r => r[Driver] > 0.7), 300) is var (l2, h2) ? h2 - l2 : 0;
        Assert.True(wideWidth > narrowWidth * 4, $"wide {wideWidth:F0} MW, narrow {narrowWidth:F0} MW");
    }

    [Fact]
    public void Fit_TooFewRows_IsNull()
    {
        var (rows, predicted, actual) = Sample(QuantileForest.MinimumRows - 1, 3);

        Assert.Null(QuantileForest.Fit(rows, predicted, actual, 42));
    }

    [Fact]
    public void Fit_MismatchedLengths_AreRefused()
    {
        var (rows, predicted, actual) = Sample(300, 3);

        var error = Assert.Throws<ArgumentException>(() => QuantileForest.Fit(rows, predicted, actual.Take(10).ToList(), 42));
        Assert.Contains("10 actuals", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonRoundTrip_GivesTheSameIntervals()
    {
        var (rows, predicted, actual) = Sample(1000, 4);
        var forest = QuantileForest.Fit(rows, predicted, actual, 42)!;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var copy = JsonSerializer.Deserialize<QuantileForest>(JsonSerializer.Serialize(forest, options), options)!;

        Assert.All(rows.Take(50), r => Assert.Equal(forest.Around(r, 300), copy.Around(r, 300)));
    }
}
