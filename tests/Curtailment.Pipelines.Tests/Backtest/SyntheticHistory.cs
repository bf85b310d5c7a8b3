using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;

namespace Curtailment.Pipelines.Tests.Backtest;

/// <summary>
/// A small, seeded hourly history for one region: demand, day-ahead demand/solar/wind forecasts and
/// curtailment that follows oversupply, each published by its operator rule. Values of "actual"
/// series after a chosen day can be changed to probe the information cut.
/// </summary>
internal static class SyntheticHistory
{
    public static ImportBatch Build(Region region, DateOnly firstDay, int days, DateOnly? perturbAfter = null, int seed = 7)
    {
        var random = new Random(seed);
        var batch = new ImportBatch("synthetic", "synthetic.csv");
        var zone = region.TimeZone;
        var (_, perturbFrom) = perturbAfter is { } x ? LocalClock.DayBounds(x, zone) : (default, DateTimeOffset.MaxValue);
        for (var d = 0; d < days; d++)
        {
            var day = firstDay.AddDays(d);
            var (start, end) = LocalClock.DayBounds(day, zone);
            var sunny = 0.6 + (0.4 * random.NextDouble());
            var windy = random.NextDouble();
            for (var t = start; t < end; t = t.AddHours(1))
            {
                var hour = TimeZoneInfo.ConvertTime(t, zone).Hour + 0.5;
                var solar = Math.Max(0, Math.Sin((hour - 6) / 12 * Math.PI)) * 9000 * sunny;
                var wind = 1500 + (2500 * windy) + (300 * random.NextDouble());
                var demand = 21000 + (4000 * Math.Sin((hour - 9) / 24 * 2 * Math.PI)) + (500 * random.NextDouble());
                var curtailment = Math.Max(0, solar + wind - (0.45 * demand) + (200 * (random.NextDouble() - 0.5)));

                // "Actuals" after the perturbation day change; forecasts and the calendar do not.
                var actualFactor = t >= perturbFrom ? 3.0 : 1.0;
                Add(batch, region, SeriesIds.TotalCurtailment, t, curtailment * actualFactor, region.CurtailmentPublication);
                Add(batch, region, SeriesIds.Demand, t, demand * actualFactor, PublicationRule.RealTime);
                Add(batch, region, SeriesIds.Solar, t, solar * actualFactor, PublicationRule.RealTime);
                Add(batch, region, SeriesIds.DemandForecastDayAhead, t, demand + 300, PublicationRule.DayAheadTen);
                Add(batch, region, SeriesIds.SolarForecastDayAhead, t, solar * 0.95, PublicationRule.DayAheadTen);
                Add(batch, region, SeriesIds.WindForecastDayAhead, t, wind * 1.05, PublicationRule.DayAheadTen);
            }

            batch.Coverage.Add(new CoverageSpan(region.Id, SeriesIds.TotalCurtailment, start, end, region.CurtailmentPublication.PublishedAt(start, start.AddHours(1), zone)));
        }

        batch.RowsRead = batch.Observations.Count;
        return batch;
    }

    private static void Add(ImportBatch batch, Region region, string series, DateTimeOffset start, double value, PublicationRule rule) =>
        batch.Observations.Add(new Observation(region.Id, series, start, TimeSpan.FromHours(1), value, "synthetic", rule.PublishedAt(start, start.AddHours(1), region.TimeZone)));
}
