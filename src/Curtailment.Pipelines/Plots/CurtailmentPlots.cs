using Curtailment.Core.Forecasts;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using ScottPlot;

namespace Curtailment.Pipelines.Plots;

/// <summary>
/// The plots researchers and operators look at, as PNG bytes: local-time axes, units in the labels.
/// The CLI writes them to files; notebooks display them.
/// </summary>
public static class CurtailmentPlots
{
    /// <summary>Plot size in pixels.</summary>
    public const int Width = 1100;

    /// <summary>Plot height in pixels.</summary>
    public const int Height = 500;

    /// <summary>A series over time (local), e.g. actual curtailment.</summary>
    public static byte[] Actuals(Region region, DenseSeries series, string seriesName)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var times = Enumerable.Range(0, series.Values.Length).Select(i => LocalTime(series.TimeAt(i), region)).ToArray();
        var line = plot.Add.ScatterLine(times.Select(t => t.ToOADate()).ToArray(), series.Values);
        line.LegendText = seriesName;
        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{region.Id} {seriesName}");
        plot.XLabel($"Local time ({region.TimeZoneId})");
        plot.YLabel(UnitLabel(seriesName));
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A forecast vintage: MW with the 80% band, and the event probability on a second axis.</summary>
    public static byte[] Forecast(Region region, ForecastVintage vintage, DenseSeries? actual = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(vintage);
        var plot = new Plot();
        var x = vintage.Points.Select(p => LocalTime(p.IntervalStart, region).ToOADate()).ToArray();
        var band = plot.Add.FillY(x, vintage.Points.Select(p => p.LowerMw).ToArray(), vintage.Points.Select(p => p.UpperMw).ToArray());
        band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        band.LineWidth = 0;
        band.LegendText = "80% interval";
        var point = plot.Add.ScatterLine(x, vintage.Points.Select(p => p.PredictedMw).ToArray());
        point.Color = Colors.SteelBlue;
        point.LegendText = "forecast (MW)";
        if (actual is not null)
        {
            var actualLine = plot.Add.ScatterLine(
                Enumerable.Range(0, actual.Values.Length).Select(i => LocalTime(actual.TimeAt(i), region).ToOADate()).ToArray(), actual.Values);
            actualLine.Color = Colors.Black;
            actualLine.LegendText = "actual (MW)";
        }

        var probability = plot.Add.ScatterLine(x, vintage.Points.Select(p => p.EventProbability).ToArray());
        probability.Color = Colors.OrangeRed;
        probability.LinePattern = LinePattern.Dashed;
        probability.LegendText = "P(event)";
        probability.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "Event probability";
        plot.Axes.SetLimitsY(0, 1, plot.Axes.Right);
        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{region.Id} forecast issued {LocalTime(vintage.IssuedAt, region):yyyy-MM-dd HH:mm} by {vintage.ModelVersion}");
        plot.XLabel($"Local time ({region.TimeZoneId})");
        plot.YLabel("Curtailment (MW)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Mean value by local hour of day, one line per month: the daily profile and how it moves through the seasons.</summary>
    public static byte[] DailyProfiles(Region region, DenseSeries series, string seriesName)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var byMonth = Enumerable.Range(0, series.Values.Length)
            .Where(i => !double.IsNaN(series.Values[i]))
            .Select(i => (Local: LocalTime(series.TimeAt(i), region), Value: series.Values[i]))
            .GroupBy(p => new DateOnly(p.Local.Year, p.Local.Month, 1));
        foreach (var month in byMonth.OrderBy(g => g.Key))
        {
            var hours = month.GroupBy(p => p.Local.Hour).OrderBy(g => g.Key).ToList();
            var line = plot.Add.ScatterLine(hours.Select(h => (double)h.Key).ToArray(), hours.Select(h => h.Average(p => p.Value)).ToArray());
            line.LegendText = $"{month.Key:yyyy-MM}";
        }

        plot.Title($"{region.Id} {seriesName}: mean by hour of day");
        plot.XLabel($"Hour of day ({region.TimeZoneId})");
        plot.YLabel(UnitLabel(seriesName));
        plot.Axes.SetLimitsX(0, 23);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A heat map of hourly means: hour of day (rows) by day (columns).</summary>
    public static byte[] HeatMap(Region region, DenseSeries series, string seriesName)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(series);
        var points = Enumerable.Range(0, series.Values.Length)
            .Select(i => (Local: LocalTime(series.TimeAt(i), region), Value: series.Values[i]))
            .ToList();
        var days = points.Select(p => DateOnly.FromDateTime(p.Local)).Distinct().Order().ToList();
        var intensities = new double[24, Math.Max(1, days.Count)];
        for (var h = 0; h < 24; h++)
        {
            for (var d = 0; d < days.Count; d++)
            {
                intensities[h, d] = double.NaN;
            }
        }

        foreach (var group in points.Where(p => !double.IsNaN(p.Value)).GroupBy(p => (Day: DateOnly.FromDateTime(p.Local), p.Local.Hour)))
        {
            // Row 0 is drawn at the top: hour h goes to row 23 - h so that the y axis reads in hours.
            intensities[23 - group.Key.Hour, days.IndexOf(group.Key.Day)] = group.Average(p => p.Value);
        }

        var plot = new Plot();
        var heat = plot.Add.Heatmap(intensities);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heat).Label = UnitLabel(seriesName);
        plot.Title($"{region.Id} {seriesName}: hour of day by day ({(days.Count > 0 ? $"{days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}" : "no data")})");
        plot.XLabel("Day (columns, oldest left)");
        plot.YLabel($"Hour of day ({region.TimeZoneId})");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static DateTime LocalTime(DateTimeOffset instant, Region region) => TimeZoneInfo.ConvertTime(instant, region.TimeZone).DateTime;

    private static string UnitLabel(string seriesName) =>
        seriesName.EndsWith("_mw", StringComparison.Ordinal) ? $"{seriesName} (MW)"
        : seriesName.EndsWith("_aud_per_mwh", StringComparison.Ordinal) ? $"{seriesName} (AUD/MWh)"
        : seriesName;

    /// <summary>Local day bounds for callers that plot whole days.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Days(Region region, DateOnly first, DateOnly last)
    {
        ArgumentNullException.ThrowIfNull(region);
        return (LocalClock.DayBounds(first, region.TimeZone).Start, LocalClock.DayBounds(last, region.TimeZone).End);
    }
}
