using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Tests.Scheduling;

public sealed class RankingMeasuresTests
{
    [Fact]
    public void For_ProxyRegion_IsEventHours()
    {
        Assert.Equal(RankingMeasure.EventHours, RankingMeasures.For(WindowFinderTests.Regions.Get("SA1")));
        Assert.Equal(RankingMeasure.CurtailedEnergy, RankingMeasures.For(WindowFinderTests.Regions.Get("GB-SCOTLAND")));
    }

    [Fact]
    public void For_MixOfProxyAndCurtailmentRegions_IsEventHours()
    {
        var regions = WindowFinderTests.Regions;

        Assert.Equal(RankingMeasure.EventHours, RankingMeasures.For([regions.Get("CAISO"), regions.Get("SA1")]));
        Assert.Equal(RankingMeasure.CurtailedEnergy, RankingMeasures.For([regions.Get("CAISO"), regions.Get("DE-TENNET")]));
        Assert.False(RankingMeasures.Applies(RankingMeasure.CurtailedEnergy, regions.Get("SA1")));
    }

    [Theory]
    [InlineData("energy", RankingMeasure.CurtailedEnergy)]
    [InlineData("EventHours", RankingMeasure.EventHours)]
    public void Parse_WireNames_RoundTrip(string text, RankingMeasure expected)
    {
        Assert.Equal(expected, RankingMeasures.Parse(text));
        Assert.Equal(text, RankingMeasures.Name(expected), ignoreCase: true);
    }

    [Fact]
    public void Parse_Unknown_IsNull() => Assert.Null(RankingMeasures.Parse("mwh"));
}
