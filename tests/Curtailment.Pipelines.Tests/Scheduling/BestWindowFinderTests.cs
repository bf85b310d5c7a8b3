using Curtailment.Core.Forecasts;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Tests.Scheduling;

public sealed class BestWindowFinderTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, IReadOnlyList<ForecastPoint>> One(string region, List<ForecastPoint> points) => new() { [region] = points };

    [Fact]
    public void Rank_ThreeHourJob_RanksStartsByOverlappedEnergy()
    {
        var points = WindowFinderTests.Hourly(T0, (0, 0), (100, 0.1), (500, 0.5), (900, 0.9), (300, 0.2), (0, 0));

        var ranked = BestWindowFinder.Rank(One("CAISO", points), TimeSpan.FromHours(3), T0, T0.AddHours(6), top: 2);

        Assert.Equal(2, ranked.Count);
        Assert.Equal(T0.AddHours(2), ranked[0].Start);
        Assert.Equal(T0.AddHours(5), ranked[0].End);
        Assert.Equal(1700, ranked[0].ExpectedCurtailedMwh, 6);
        Assert.Equal(T0.AddHours(1), ranked[1].Start);
        Assert.Equal(1500, ranked[1].ExpectedCurtailedMwh, 6);
    }

    [Fact]
    public void Rank_Probability_IsOneMinusProductOfComplements()
    {
        var points = WindowFinderTests.Hourly(T0, (600, 0.5), (600, 0.5));

        var placement = Assert.Single(BestWindowFinder.Rank(One("CAISO", points), TimeSpan.FromHours(2), T0, T0.AddHours(2), top: 3));

        Assert.Equal(0.75, placement.ProbabilityAnyCurtailment, 9);
        Assert.Equal(600, placement.PeakMw);
    }

    [Fact]
    public void Rank_Deadline_ExcludesStartsWhoseJobWouldEndAfterIt()
    {
        var points = WindowFinderTests.Hourly(T0, (0, 0), (0, 0), (1000, 1), (1000, 1));

        var ranked = BestWindowFinder.Rank(One("CAISO", points), TimeSpan.FromHours(2), T0, T0.AddHours(3), top: 10);

        Assert.Equal([T0, T0.AddHours(1)], ranked.Select(p => p.Start).Order());
        Assert.All(ranked, p => Assert.True(p.End <= T0.AddHours(3)));
    }

    [Fact]
    public void Rank_EarliestStart_ExcludesEarlierStarts()
    {
        var points = WindowFinderTests.Hourly(T0, (1000, 1), (0, 0), (0, 0));

        var ranked = BestWindowFinder.Rank(One("CAISO", points), TimeSpan.FromHours(1), T0.AddMinutes(30), T0.AddHours(3), top: 10);

        Assert.DoesNotContain(ranked, p => p.Start < T0.AddMinutes(30));
    }

    [Fact]
    public void Rank_PartialLastInterval_CountsOnlyTheOverlap()
    {
        var points = WindowFinderTests.Hourly(T0, (600, 0.5), (600, 0.5));

        var placement = Assert.Single(BestWindowFinder.Rank(One("CAISO", points), TimeSpan.FromMinutes(90), T0, T0.AddMinutes(90), top: 1));

        Assert.Equal(900, placement.ExpectedCurtailedMwh, 6);
    }

    [Fact]
    public void Rank_ForecastEndsBeforeTheJob_SkipsThatStart()
    {
        var points = WindowFinderTests.Hourly(T0, (600, 0.5), (600, 0.5));

        var ranked = BestWindowFinder.Rank(One("CAISO", points), TimeSpan.FromHours(2), T0, T0.AddHours(5), top: 5);

        Assert.Equal(T0, Assert.Single(ranked).Start);
    }

    [Fact]
    public void Rank_SeveralRegions_ComparesThemInOneRanking()
    {
        var forecasts = new Dictionary<string, IReadOnlyList<ForecastPoint>>
        {
            ["CAISO"] = WindowFinderTests.Hourly(T0, (100, 0.1), (100, 0.1)),
            ["SPP"] = WindowFinderTests.Hourly(T0, (800, 0.9), (800, 0.9)),
        };

        var ranked = BestWindowFinder.Rank(forecasts, TimeSpan.FromHours(1), T0, T0.AddHours(2), top: 3);

        Assert.Equal(["SPP", "SPP", "CAISO"], ranked.Select(p => p.Region));
        Assert.Equal([T0, T0.AddHours(1)], ranked.Take(2).Select(p => p.Start));
    }
}
