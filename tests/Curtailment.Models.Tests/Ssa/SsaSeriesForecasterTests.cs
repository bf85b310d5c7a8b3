using Curtailment.Models.Ssa;

namespace Curtailment.Models.Tests.Ssa;

public sealed class SsaSeriesForecasterTests
{
    /// <summary>Hourly load with a daily and a weekly cycle.</summary>
    private static double Load(int hour) =>
        20000 + (3000 * Math.Sin(2 * Math.PI * hour / 24)) + (1500 * Math.Cos(2 * Math.PI * hour / 168));

    [Fact]
    public void Forecast_DailyAndWeeklyCycles_ContinuesThemClosely()
    {
        var history = Enumerable.Range(0, 28 * 24).Select(h => Load(h)).ToArray();

        var forecast = new SsaSeriesForecaster().Forecast(history, 48)!;

        Assert.Equal(48, forecast.Length);
        var error = forecast.Select((f, i) => Math.Abs(f - Load(history.Length + i))).Max();
        Assert.True(error < 50, $"max error {error:F1} MW");
    }

    [Fact]
    public void Forecast_WeeklyWindowUnstabilized_ContinuesBothCyclesWithNoisyHistory()
    {
        var random = new Random(7);
        var history = Enumerable.Range(0, 28 * 24).Select(h => Load(h) + (200 * (random.NextDouble() - 0.5))).ToArray();
        var forecaster = new SsaSeriesForecaster(SsaSeriesForecaster.WeeklyWindowSize, stabilize: false);

        var forecast = forecaster.Forecast(history, 62)!;

        Assert.False(forecaster.Stabilize);
        var error = forecast.Select((f, i) => Math.Abs(f - Load(history.Length + i))).Max();
        Assert.True(error < 300, $"max error {error:F1} MW");
    }

    [Fact]
    public void Forecast_TrailingUnknownHours_ForecastsAcrossThemFromTheLastKnownHour()
    {
        var history = Enumerable.Range(0, 28 * 24).Select(h => h >= (28 * 24) - 10 ? double.NaN : Load(h)).ToArray();

        var forecast = new SsaSeriesForecaster().Forecast(history, 24)!;

        var error = forecast.Select((f, i) => Math.Abs(f - Load(history.Length + i))).Max();
        Assert.True(error < 80, $"max error {error:F1} MW");
    }

    [Fact]
    public void Forecast_GapsInside_KeepTimeAlignment()
    {
        var history = Enumerable.Range(0, 28 * 24).Select(h => h % 50 == 0 ? double.NaN : Load(h)).ToArray();

        var forecast = new SsaSeriesForecaster().Forecast(history, 24)!;

        // A compacted series would be shifted by 13 hours and miss the daily phase by far more than this.
        var error = forecast.Select((f, i) => Math.Abs(f - Load(history.Length + i))).Max();
        Assert.True(error < 300, $"max error {error:F1} MW");
    }

    [Fact]
    public void Forecast_DailyWindowWithUnpublishedDay_ContinuesTheDailyCycleAcrossIt()
    {
        // Curtailment-like: a daily midday hump, the last 34 hours unpublished, forecast 38 hours beyond.
        static double Hump(int hour) => Math.Max(0, 800 * Math.Sin(2 * Math.PI * ((hour % 24) - 7) / 20));
        var history = Enumerable.Range(0, 30 * 24).Select(h => h >= (30 * 24) - 34 ? double.NaN : Hump(h)).ToArray();
        var forecaster = new SsaSeriesForecaster(SsaSeriesForecaster.DailyWindowSize);

        var forecast = forecaster.Forecast(history, 38)!;

        Assert.Equal(49, forecaster.WindowSize);
        Assert.Equal(38, forecast.Length);
        var error = forecast.Select((f, i) => Math.Abs(f - Hump(history.Length + i))).Average();
        Assert.True(error < 40, $"mean error {error:F1} MW");
    }

    [Fact]
    public void Forecast_DailyWindow_NeedsOnlyTwoDailyWindows()
    {
        var history = Enumerable.Range(0, 100).Select(h => Load(h)).ToArray();

        Assert.NotNull(new SsaSeriesForecaster(SsaSeriesForecaster.DailyWindowSize).Forecast(history, 24));
        Assert.Null(new SsaSeriesForecaster().Forecast(history, 24));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(0)]
    public void Forecast_TooShortOrEmpty_ReturnsNull(int hours)
    {
        Assert.Null(new SsaSeriesForecaster().Forecast(Enumerable.Range(0, hours).Select(h => Load(h)).ToArray(), 24));
    }

    [Fact]
    public void Forecast_MostlyUnknown_ReturnsNull()
    {
        var history = Enumerable.Range(0, 28 * 24).Select(h => h % 2 == 0 ? double.NaN : Load(h)).ToArray();

        Assert.Null(new SsaSeriesForecaster().Forecast(history, 24));
    }

    [Fact]
    public void Forecast_ConstantHistory_ReturnsNullNotNaN()
    {
        Assert.Null(new SsaSeriesForecaster().Forecast(Enumerable.Repeat(5.0, 28 * 24).ToArray(), 24));
    }
}
