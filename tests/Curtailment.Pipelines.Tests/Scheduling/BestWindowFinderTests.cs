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

    [Fact]
    public void Rank_EventHours_RanksByProbabilityTimesHoursNotByMw()
    {
        // A price proxy: large "MW" (a price) with a low probability must lose to a likely event.
        var points = WindowFinderTests.Hourly(T0, (300, 0.1), (300, 0.1), (-20, 0.9), (-30, 0.8), (50, 0.2));

        var ranked = BestWindowFinder.Rank(One("SA1", points), TimeSpan.FromHours(2), T0, T0.AddHours(5), top: 2, RankingMeasure.EventHours);

        Assert.Equal(T0.AddHours(2), ranked[0].Start);
        Assert.Equal(1.7, ranked[0].ExpectedEventHours, 9);
        Assert.Equal(RankingMeasure.EventHours, ranked[0].RankedBy);
        // 0.1 + 0.9 ties 0.8 + 0.2: the earlier start wins.
        Assert.Equal(T0.AddHours(1), ranked[1].Start);
        Assert.Equal(1.0, ranked[1].ExpectedEventHours, 9);
    }

    [Fact]
    public void Rank_RegionsOfDifferentZonesAndResolutions_RankOnOneUtcTimeline()
    {
        // Hourly (DE), half-hourly (GB) and 5-minute (CAISO) grids with a one-hour block each: the ranking follows
        // the energy, not the regions' clocks, order or resolutions.
        var start = new DateTimeOffset(2025, 6, 15, 18, 0, 0, TimeSpan.Zero);
        var forecasts = new Dictionary<string, IReadOnlyList<ForecastPoint>>
        {
            ["CAISO"] = Grid(start, TimeSpan.FromMinutes(5), 36 * 12, t => t >= start.AddHours(7) && t < start.AddHours(8) ? 2000 : 0),
            ["DE-TENNET"] = Grid(start, TimeSpan.FromHours(1), 36, t => t == start.AddHours(10) ? 3000 : 0),
            ["GB-SCOTLAND"] = Grid(start, TimeSpan.FromMinutes(30), 72, t => t >= start.AddHours(4) && t < start.AddHours(5) ? 2500 : 0),
        };

        var ranked = BestWindowFinder.Rank(forecasts, TimeSpan.FromHours(1), start, start.AddHours(24), top: 3);

        Assert.Equal(["DE-TENNET", "GB-SCOTLAND", "CAISO"], ranked.Select(p => p.Region));
        Assert.Equal([start.AddHours(10), start.AddHours(4), start.AddHours(7)], ranked.Select(p => p.Start));
        Assert.Equal([3000, 2500, 2000], ranked.Select(p => Math.Round(p.ExpectedCurtailedMwh, 9)));
        Assert.All(ranked, p => Assert.Equal(TimeSpan.Zero, p.Start.Offset));
    }

    [Fact]
    public void Rank_GridsOfDifferentMeasures_Throws()
    {
        var grids = new Dictionary<string, ForecastGrid>
        {
            ["CAISO"] = new(WindowFinderTests.Hourly(T0, (1, 1))),
            ["SA1"] = new(WindowFinderTests.Hourly(T0, (1, 1)), RankingMeasure.EventHours),
        };

        Assert.Throws<ArgumentException>(() => BestWindowFinder.Rank(grids, TimeSpan.FromHours(1), T0, T0.AddHours(1), 1));
    }

    private static List<ForecastPoint> Grid(DateTimeOffset start, TimeSpan step, int count, Func<DateTimeOffset, double> mw) =>
        Enumerable.Range(0, count)
            .Select(i => start + (step * i))
            .Select(t => new ForecastPoint(t, t + step, mw(t), 0, mw(t), mw(t) > 0 ? 0.9 : 0.05))
            .ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Rank_RandomForecasts_MatchesScoringEveryStartAndSorting(int seed)
    {
        // Grids with gaps, negative and repeated values, runs of zeros (ties), partial last intervals, and now and
        // then a NaN or intervals out of order: the fast ranking must give exactly the full scoring's answer, also
        // when the same grids are asked again (their remembered answers) with other or the same questions.
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var forecasts = new Dictionary<string, IReadOnlyList<ForecastPoint>>();
            foreach (var region in new[] { "CAISO", "SPP", "ERCOT" }.Take(random.Next(1, 4)))
            {
                forecasts[region] = RandomPoints(random);
            }

            var grids = forecasts.ToDictionary(f => f.Key, f => new ForecastGrid(f.Value));
            var (duration, earliest, deadline, top) = RandomQuestion(random);
            for (var ask = 0; ask < 10; ask++)
            {
                // Questions that differ in one thing only, and repeats: a remembered answer must fit its question.
                switch (random.Next(5))
                {
                    case 0: earliest = earliest.AddMinutes(random.Next(-7, 8)); break;
                    case 1: deadline = deadline.AddMinutes(random.Next(-60, 61)); break;
                    case 2: top = random.Next(1, 8); break;
                    case 3: duration = TimeSpan.FromMinutes(random.Next(1, 60) * 5); break;
                    default: break;
                }

                var expected = ReferenceRank(forecasts, duration, earliest, deadline, top);

                Assert.Equal(expected, BestWindowFinder.Rank(grids, duration, earliest, deadline, top));
                Assert.Equal(expected, BestWindowFinder.Rank(forecasts, duration, earliest, deadline, top));
            }
        }
    }

    private static (TimeSpan Duration, DateTimeOffset Earliest, DateTimeOffset Deadline, int Top) RandomQuestion(Random random)
    {
        var duration = TimeSpan.FromMinutes(random.Next(1, 60) * 5 + (random.Next(4) == 0 ? 2 : 0));
        var earliest = T0.AddMinutes(random.Next(-30, 300));
        var deadline = earliest.AddMinutes(random.Next(0, 3000));
        var top = random.Next(4) == 0 ? random.Next(1, 51) : random.Next(1, 6);
        return (duration, earliest, deadline, top);
    }

    private static List<ForecastPoint> RandomPoints(Random random)
    {
        var step = TimeSpan.FromMinutes(random.Next(3) switch { 0 => 5, 1 => 15, _ => 60 });
        var count = random.Next(0, 700);
        var kind = random.Next(5);
        var points = new List<ForecastPoint>(count);
        var start = T0.AddMinutes(random.Next(-60, 60) * 5);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(80) == 0)
            {
                start += step; // a gap
            }

            var mw = kind switch
            {
                0 => 0, // all zero: every start ties
                1 => random.Next(3) == 0 ? random.NextDouble() * 900 : 0,
                2 => 250, // constant: ties of equal non-zero energy
                3 => Math.Round(random.NextDouble() * 20, 1) - 2, // repeated small values, some negative
                _ => random.NextDouble() * 2000 - 100,
            };
            if (random.Next(2000) == 0)
            {
                mw = double.NaN;
            }

            points.Add(new ForecastPoint(start, start + step, mw, mw - 1, mw + 1, random.NextDouble()));
            start += step;
        }

        if (count > 2 && random.Next(25) == 0)
        {
            (points[0], points[1]) = (points[1], points[0]); // out of order
        }

        return points;
    }

    /// <summary>The ranking by definition: every start scored in full, sorted (the implementation before the prefix sums).</summary>
    private static List<JobPlacement> ReferenceRank(
        Dictionary<string, IReadOnlyList<ForecastPoint>> forecasts, TimeSpan duration, DateTimeOffset earliestStart, DateTimeOffset deadline, int top)
    {
        var placements = new List<JobPlacement>();
        foreach (var (region, points) in forecasts)
        {
            for (var first = 0; first < points.Count; first++)
            {
                var start = points[first].IntervalStart;
                var end = start + duration;
                if (start < earliestStart || end > deadline)
                {
                    continue;
                }

                double energy = 0;
                double eventHours = 0;
                double noEvent = 1;
                var peak = double.NegativeInfinity;
                var covered = start;
                var contiguous = true;
                for (var i = first; i < points.Count && covered < end; i++)
                {
                    var point = points[i];
                    if (point.IntervalStart != covered)
                    {
                        contiguous = false;
                        break;
                    }

                    var overlap = ((point.IntervalEnd < end ? point.IntervalEnd : end) - point.IntervalStart).TotalHours;
                    energy += Math.Max(0, point.PredictedMw) * overlap;
                    eventHours += Math.Clamp(point.EventProbability, 0, 1) * overlap;
                    noEvent *= 1 - Math.Clamp(point.EventProbability, 0, 1);
                    peak = Math.Max(peak, point.PredictedMw);
                    covered = point.IntervalEnd;
                }

                if (contiguous && covered >= end)
                {
                    placements.Add(new JobPlacement(region, start, end, energy, 1 - noEvent, peak, eventHours));
                }
            }
        }

        return placements
            .OrderByDescending(p => p.ExpectedCurtailedMwh)
            .ThenBy(p => p.Start)
            .ThenBy(p => p.Region, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }
}
