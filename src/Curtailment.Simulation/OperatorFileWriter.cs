using System.Globalization;
using System.Text;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;

namespace Curtailment.Simulation;

/// <summary>
/// Writes simulated intervals in the operators' published layouts, so the real importers read them.
/// Every file name starts with <c>SYNTHETIC_</c>: wherever a run or a summary shows it, it says so.
/// </summary>
public static class OperatorFileWriter
{
    /// <summary>Prefix of every simulated file name.</summary>
    public const string Prefix = "SYNTHETIC_";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>CAISO: the Production and Curtailments sheets as CSV exports, and day-ahead forecasts as a wide tidy file.</summary>
    public static IReadOnlyList<SimulatedFile> WriteCaiso(string folder, Region region, IReadOnlyList<SimulatedInterval> intervals, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(intervals);
        Directory.CreateDirectory(folder);
        var year = TimeZoneInfo.ConvertTime(intervals[0].Start, region.TimeZone).Year;
        var production = new StringBuilder("Date,Hour,Interval,Load,Solar,Wind,Net Load,Renewables,Nuclear,Large Hydro,Imports,Generation,Thermal,Load Less (Generation+Imports)\n");
        var curtailments = new StringBuilder("Date,Hour,Interval,Wind Curtailment,Solar Curtailment,\n");
        var cutoff = now ?? DateTimeOffset.MaxValue;
        foreach (var i in intervals.Where(i => i.Start + i.Duration <= cutoff))
        {
            var local = TimeZoneInfo.ConvertTime(i.Start, region.TimeZone).DateTime;
            var key = string.Create(Invariant, $"{local:M/d/yyyy},{local.Hour + 1},{(local.Minute / 5) + 1}");
            var generation = i.Solar + i.Wind + i.MustRun + i.Thermal;
            production.Append(Invariant, $"{key},{i.Load:F0},{i.Solar:F0},{i.Wind:F0},{i.Load - i.Solar - i.Wind:F0},{i.Solar + i.Wind:F0},{i.MustRun * 0.4:F0},{i.MustRun * 0.3:F0},{i.Imports:F0},{generation:F0},{i.Thermal + (i.MustRun * 0.3):F0},{i.Load - generation - i.Imports:F0}\n");
            var published = region.CurtailmentPublication.PublishedAt(i.Start, i.Start + i.Duration, region.TimeZone) <= cutoff;
            if (published && (i.WindCurtailment >= 0.5 || i.SolarCurtailment >= 0.5))
            {
                // CAISO lists only intervals with curtailment, empty for a fuel without any.
                curtailments.Append(Invariant, $"{key},{Cell(i.WindCurtailment)},{Cell(i.SolarCurtailment)},\n");
            }
        }

        var productionPath = Path.Combine(folder, $"{Prefix}ProductionAndCurtailmentsData_{year}-Production.csv");
        var curtailmentPath = Path.Combine(folder, $"{Prefix}ProductionAndCurtailmentsData_{year}-Curtailments.csv");
        File.WriteAllText(productionPath, production.ToString());
        File.WriteAllText(curtailmentPath, curtailments.ToString());
        var forecastPath = WriteDayAheadForecasts(folder, region, intervals, cutoff);
        return
        [
            new SimulatedFile(productionPath, "caiso-production", region.Id, null),
            new SimulatedFile(curtailmentPath, "caiso-production", region.Id, null),
            new SimulatedFile(forecastPath, "tidy", region.Id, "dayahead@10:00"),
        ];
    }

    /// <summary>A long tidy file with <c>published_at_utc</c>: actuals in real time, curtailment the next day at 10:00, forecasts the day before.</summary>
    public static IReadOnlyList<SimulatedFile> WriteTidy(string folder, Region region, IReadOnlyList<SimulatedInterval> intervals, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(intervals);
        Directory.CreateDirectory(folder);
        var text = new StringBuilder("interval_start_utc,region,series,value,interval_end_utc,published_at_utc\n");
        foreach (var i in intervals)
        {
            var end = i.Start + i.Duration;
            var realtime = end;
            var nextDay = region.CurtailmentPublication.PublishedAt(i.Start, end, region.TimeZone);
            var dayAhead = PublicationRule.DayAheadTen.PublishedAt(i.Start, end, region.TimeZone);
            void Row(string series, double value, DateTimeOffset published)
            {
                if (published <= (now ?? DateTimeOffset.MaxValue))
                {
                    text.Append(Invariant, $"{Iso(i.Start)},{region.Id},{series},{value:F1},{Iso(end)},{Iso(published)}\n");
                }
            }

            Row("demand_mw", i.Load, realtime);
            Row("solar_mw", i.Solar, realtime);
            Row("wind_mw", i.Wind, realtime);
            Row("solar_curtailment_mw", i.SolarCurtailment, nextDay);
            Row("wind_curtailment_mw", i.WindCurtailment, nextDay);
            Row("total_curtailment_mw", i.SolarCurtailment + i.WindCurtailment, nextDay);
            Row("demand_forecast_dayahead_mw", i.LoadForecast, dayAhead);
            Row("solar_forecast_dayahead_mw", i.SolarForecast, dayAhead);
            Row("wind_forecast_dayahead_mw", i.WindForecast, dayAhead);
            if (region.Target.Series is not (SeriesIds.SolarCurtailment or SeriesIds.WindCurtailment or SeriesIds.TotalCurtailment))
            {
                // A region whose target is another curtailment-like series (redispatch down) gets it from the simulated total.
                Row(region.Target.Series, i.SolarCurtailment + i.WindCurtailment, nextDay);
            }

            var limitsKnown = PublicationRule.SameDayStart.PublishedAt(i.Start, end, region.TimeZone); // as NESO's day-ahead limits are read
            foreach (var boundary in i.Boundaries.Where(b => region.TransmissionBoundaries.Contains(b.Name)))
            {
                Row(SeriesIds.BoundaryLimit(boundary.Name), boundary.LimitMw, limitsKnown);
                Row(SeriesIds.BoundaryFlow(boundary.Name), boundary.FlowMw, limitsKnown);
                Row(SeriesIds.BoundaryHeadroom(boundary.Name), boundary.LimitMw - boundary.FlowMw, limitsKnown);
            }
        }

        var path = Path.Combine(folder, $"{Prefix}{region.Id.ToLowerInvariant()}_grid.csv");
        File.WriteAllText(path, text.ToString());
        return [new SimulatedFile(path, "tidy", null, null)];
    }

    /// <summary>AEMO: one <c>PRICE_AND_DEMAND_YYYYMM_REGION.csv</c> per month (interval-ending NEM time).</summary>
    public static IReadOnlyList<SimulatedFile> WriteAemo(string folder, Region region, IReadOnlyList<SimulatedInterval> intervals, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(intervals);
        Directory.CreateDirectory(folder);
        var nem = TimeSpan.FromHours(10);
        var files = new List<SimulatedFile>();
        foreach (var month in intervals.Where(i => i.Start + i.Duration <= (now ?? DateTimeOffset.MaxValue)).GroupBy(i => { var e = (i.Start + i.Duration).ToOffset(nem).AddTicks(-1); return (e.Year, e.Month); }))
        {
            var text = new StringBuilder("REGION,SETTLEMENTDATE,TOTALDEMAND,RRP,PERIODTYPE\n");
            foreach (var i in month)
            {
                var end = (i.Start + i.Duration).ToOffset(nem);
                text.Append(Invariant, $"{region.Id},{end:yyyy/MM/dd HH:mm:ss},{i.Load - i.Solar * 0.6:F2},{i.Price:F2},TRADE\n");
            }

            var path = Path.Combine(folder, $"{Prefix}PRICE_AND_DEMAND_{month.Key.Year:D4}{month.Key.Month:D2}_{region.Id}.csv");
            File.WriteAllText(path, text.ToString());
            files.Add(new SimulatedFile(path, "aemo", null, null));
        }

        return files;
    }

    private static string WriteDayAheadForecasts(string folder, Region region, IReadOnlyList<SimulatedInterval> intervals, DateTimeOffset cutoff)
    {
        var text = new StringBuilder("interval_start_utc,interval_end_utc,demand_forecast_dayahead_mw,solar_forecast_dayahead_mw,wind_forecast_dayahead_mw\n");
        // Operators publish these hourly.
        foreach (var hour in intervals.GroupBy(i => new DateTimeOffset(i.Start.Year, i.Start.Month, i.Start.Day, i.Start.Hour, 0, 0, TimeSpan.Zero)))
        {
            if (PublicationRule.DayAheadTen.PublishedAt(hour.Key, hour.Key.AddHours(1), region.TimeZone) > cutoff)
            {
                continue; // not issued yet
            }

            text.Append(Invariant, $"{Iso(hour.Key)},{Iso(hour.Key.AddHours(1))},{hour.Average(i => i.LoadForecast):F1},{hour.Average(i => i.SolarForecast):F1},{hour.Average(i => i.WindForecast):F1}\n");
        }

        var path = Path.Combine(folder, $"{Prefix}{region.Id.ToLowerInvariant()}_dayahead_forecasts.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Cell(double mw) => mw >= 0.5 ? mw.ToString("F2", Invariant) : string.Empty;

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Invariant);
}
