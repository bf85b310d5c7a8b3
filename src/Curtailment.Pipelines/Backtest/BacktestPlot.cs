using ScottPlot;

namespace Curtailment.Pipelines.Backtest;

/// <summary>
/// Forecast against actual for the best, median and worst scored days (by daily MAE), with the 80%
/// band, on a local-time axis in MW.
/// </summary>
public static class BacktestPlot
{
    /// <summary>Renders the plot to a PNG file.</summary>
    public static void Save(BacktestResult result, string path) => File.WriteAllBytes(path, Render(result));

    /// <summary>Renders the plot as PNG bytes.</summary>
    public static byte[] Render(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(result.TimeZoneId);
        var days = result.Rows
            .Where(r => !double.IsNaN(r.Actual))
            .GroupBy(r => r.Day)
            .Select(g => (Day: g.Key, Rows: g.OrderBy(r => r.Forecast.IntervalStart).ToList(), Mae: g.Average(r => Math.Abs(r.Actual - r.Forecast.PredictedMw))))
            .OrderBy(d => d.Mae)
            .ToList();

        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        if (days.Count == 0)
        {
            multiplot.GetPlot(0).Title("No scored days");
            return Png(multiplot);
        }

        var picks = new[] { ("Best day", days[0]), ("Median day", days[days.Count / 2]), ("Worst day", days[^1]) };
        for (var p = 0; p < picks.Length; p++)
        {
            var (label, day) = picks[p];
            var plot = multiplot.GetPlot(p);
            var hours = day.Rows.Select(r => TimeZoneInfo.ConvertTime(r.Forecast.IntervalStart, zone).TimeOfDay.TotalHours).ToArray();
            var band = plot.Add.FillY(hours, day.Rows.Select(r => r.Forecast.LowerMw).ToArray(), day.Rows.Select(r => r.Forecast.UpperMw).ToArray());
            band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
            band.LegendText = "80% interval";
            var forecast = plot.Add.ScatterLine(hours, day.Rows.Select(r => r.Forecast.PredictedMw).ToArray());
            forecast.LegendText = "forecast";
            forecast.Color = Colors.SteelBlue;
            var actual = plot.Add.ScatterLine(hours, day.Rows.Select(r => r.Actual).ToArray());
            actual.LegendText = "actual";
            actual.Color = Colors.Black;
            plot.Title($"{result.Region} {label} {day.Day:yyyy-MM-dd} (MAE {day.Mae:F0} MW)");
            plot.XLabel($"Hour of day ({zone.Id})");
            plot.YLabel("Curtailment (MW)");
            plot.Axes.SetLimitsX(0, 24);
            plot.ShowLegend(Alignment.UpperRight);
        }

        return Png(multiplot);
    }

    /// <summary>Multiplot renders only to files in this ScottPlot version; go through a temporary one.</summary>
    private static byte[] Png(Multiplot multiplot)
    {
        var file = Path.Combine(Path.GetTempPath(), $"curtailment-plot-{Guid.NewGuid():N}.png");
        try
        {
            multiplot.SavePng(file, 1200, 1200);
            return File.ReadAllBytes(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
