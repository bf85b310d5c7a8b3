using Curtailment.Core.Observations;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Tests.Common;

public class BatchBuilderTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Observation At(string region, string series, int hour, double value) =>
        new(region, series, Start.AddHours(hour), TimeSpan.FromHours(1), value, "test", Start.AddHours(hour + 1));

    private static CsvLine Row(int line) => new(line, ["x"], $"row {line}");

    [Fact]
    public void Add_SameKeyAsOtherStringInstances_RejectsDifferentValueNamingFirstLine()
    {
        var builder = new BatchBuilder("test", "f.csv");
        // Equal text, other instances: the key is the text, not the string object.
        var region = new string("CISO".AsSpan());
        var series = new string(SeriesIds.Demand.AsSpan());

        Assert.True(builder.Add(Row(2), "demand", At("CISO", SeriesIds.Demand, 0, 10)));
        Assert.True(builder.Add(Row(3), "demand", At(region, series, 0, 10)));
        Assert.False(builder.Add(Row(4), "demand", At(region, series, 0, 11)));

        Assert.Single(builder.Batch.Observations);
        var rejected = Assert.Single(builder.Batch.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Equal("row 4", rejected.RawText);
        Assert.Contains("11 here, 10 on line 2", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_ManySeries_EachKeepsItsOwnStarts()
    {
        var builder = new BatchBuilder("test", "f.csv");
        builder.EnsureCapacity(2 * 40, 40);
        var series = Enumerable.Range(0, 40).Select(i => $"s{i}").ToArray();

        foreach (var s in series)
        {
            Assert.True(builder.Add(Row(2), "v", At("CISO", s, 0, 1)));
            Assert.True(builder.Add(Row(3), "v", At("CISO", s, 1, 1)));
        }

        foreach (var s in series)
        {
            Assert.False(builder.Add(Row(4), "v", At("CISO", s, 1, 2)));
        }

        // Another region's series of the same name is another key.
        Assert.True(builder.Add(Row(5), "v", At("SPP", "s0", 1, 2)));
        Assert.Equal(81, builder.Batch.Observations.Count);
        Assert.Equal(40, builder.Batch.Rejected.Count);
    }
}
