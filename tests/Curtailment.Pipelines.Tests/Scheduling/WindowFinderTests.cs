using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Scheduling;

namespace Curtailment.Pipelines.Tests.Scheduling;

public sealed class WindowFinderTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    /// <summary>The shipped catalogue (copied beside the test assembly).</summary>
    internal static readonly Lazy<RegionCatalog> Catalog = new(() => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")));

    internal static RegionCatalog Regions => Catalog.Value;

    /// <summary>Hourly points starting at T0 with the given (MW, probability) pairs.</summary>
    internal static List<ForecastPoint> Hourly(DateTimeOffset start, params (double Mw, double P)[] values) =>
        values.Select((v, i) => new ForecastPoint(start.AddHours(i), start.AddHours(i + 1), v.Mw, v.Mw * 0.5, v.Mw * 1.5, v.P)).ToList();

    [Fact]
    public void Find_TwoRunsSeparatedByALowInterval_ReturnsTwoWindowsWithTheirStatistics()
    {
        var points = Hourly(T0, (100, 0.1), (600, 0.8), (800, 0.9), (200, 0.3), (700, 0.6));

        var windows = WindowFinder.Find(points, threshold: 500, minProbability: 0);

        Assert.Equal(2, windows.Count);
        Assert.Equal(new CurtailmentWindow(T0.AddHours(1), T0.AddHours(3), 1400, 0.85, 800, 2, 1.7),
            windows[0] with { MeanProbability = Math.Round(windows[0].MeanProbability, 10), ExpectedEventHours = Math.Round(windows[0].ExpectedEventHours, 10) });
        Assert.Equal(T0.AddHours(4), windows[1].Start);
        Assert.Equal(T0.AddHours(5), windows[1].End);
        Assert.Equal(700, windows[1].ExpectedMwh, 6);
    }

    [Fact]
    public void Find_IntervalBelowMinimumProbability_SplitsTheRun()
    {
        var points = Hourly(T0, (600, 0.9), (600, 0.2), (600, 0.9));

        var windows = WindowFinder.Find(points, threshold: 500, minProbability: 0.5);

        Assert.Equal([T0, T0.AddHours(2)], windows.Select(w => w.Start));
    }

    [Fact]
    public void Find_GapInTheGrid_EndsTheRun()
    {
        var points = Hourly(T0, (600, 0.9), (600, 0.9));
        points.AddRange(Hourly(T0.AddHours(3), (600, 0.9)));

        var windows = WindowFinder.Find(points, threshold: 500, minProbability: 0);

        Assert.Equal(2, windows.Count);
        Assert.Equal(T0.AddHours(2), windows[0].End);
        Assert.Equal(T0.AddHours(3), windows[1].Start);
    }

    [Fact]
    public void Find_FiveMinuteIntervals_ExpectedMwhUsesIntervalHours()
    {
        var points = Enumerable.Range(0, 12)
            .Select(i => new ForecastPoint(T0.AddMinutes(5 * i), T0.AddMinutes(5 * (i + 1)), 600, 500, 700, 0.9))
            .ToList();

        var window = Assert.Single(WindowFinder.Find(points, threshold: 500, minProbability: 0));

        Assert.Equal(600, window.ExpectedMwh, 6);
        Assert.Equal(12, window.Intervals);
    }

    [Fact]
    public void Find_BelowThresholdRule_SelectsNegativeValues()
    {
        var points = Hourly(T0, (20, 0.1), (-5, 0.7), (-30, 0.9), (10, 0.2));

        var window = Assert.Single(WindowFinder.Find(points, threshold: 0, minProbability: 0, below: true));

        Assert.Equal(T0.AddHours(1), window.Start);
        Assert.Equal(T0.AddHours(3), window.End);
    }

    [Fact]
    public void Find_ProxyRegion_RunsOfLikelyEventsWithExpectedEventHours()
    {
        // SA1's price proxy: the point forecast is a price, so only the probability makes a window.
        var sa1 = Regions.Get("SA1");
        var points = Hourly(T0, (20, 0.1), (35, 0.6), (-5, 0.9), (10, 0.4), (-40, 0.7));

        var found = WindowFinder.Find(sa1, points, minMw: null, minProbability: null);

        Assert.Null(found.MinMw);
        Assert.Equal(WindowFinder.ProxyDefaultMinProbability, found.MinProbability);
        Assert.Equal([(T0.AddHours(1), T0.AddHours(3)), (T0.AddHours(4), T0.AddHours(5))], found.Windows.Select(w => (w.Start, w.End)));
        Assert.Equal(1.5, found.Windows[0].ExpectedEventHours, 9);
        Assert.Equal(0.7, found.Windows[1].ExpectedEventHours, 9);
    }

    [Fact]
    public void Find_ProxyRegionWithMwThreshold_Throws()
    {
        Assert.Throws<ArgumentException>(() => WindowFinder.Find(Regions.Get("SA1"), Hourly(T0, (1, 1)), minMw: 0, minProbability: null));
    }

    [Fact]
    public void Find_CurtailmentRegionDefaults_AreTheEventThresholdAndNoProbability()
    {
        var found = WindowFinder.Find(Regions.Get("CAISO"), Hourly(T0, (499, 0.9), (500, 0.01)), minMw: null, minProbability: null);

        Assert.Equal(500, found.MinMw);
        Assert.Equal(0, found.MinProbability);
        Assert.Equal(T0.AddHours(1), Assert.Single(found.Windows).Start);
    }

    [Fact]
    public void Find_NothingPasses_ReturnsEmpty()
    {
        Assert.Empty(WindowFinder.Find(Hourly(T0, (100, 0.9), (499.9, 0.9)), threshold: 500, minProbability: 0));
    }
}
