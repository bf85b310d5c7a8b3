using Curtailment.Core.Regions;
using Curtailment.Core.Sun;
using Curtailment.Core.Time;

namespace Curtailment.Simulation;

/// <summary>
/// A seeded synthetic grid. Weather drives it: solar follows the sun at the region's centroid under
/// day-to-day and hour-to-hour cloudiness, wind is an autocorrelated process with diurnal and seasonal
/// shape, load has daily, weekly and seasonal shape. Curtailment arises the way it does on real grids:
/// locally when a zone's surplus exceeds its export limit, system-wide when renewables plus the
/// must-run floor exceed load plus what the region can export. Day-ahead forecasts are the truth with
/// autocorrelated errors.
/// </summary>
public static class GridSimulator
{
    /// <summary>Share of days on which a zone's export limit is cut by an outage (to 60%).</summary>
    public const double OutageDayShare = 0.05;

    /// <summary>Simulates every interval of the region's native resolution over the options' days.</summary>
    public static IReadOnlyList<SimulatedInterval> Simulate(Region region, GridProfile profile, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var regionHash = RegionHash(region.Id);
        var random = new Random(unchecked((options.Seed * 65_599) ^ (regionHash & 0xFFFF)));
        var (start, _) = LocalClock.DayBounds(options.Start, region.TimeZone);
        var (_, end) = LocalClock.DayBounds(options.Start.AddDays(options.Days - 1), region.TimeZone);
        var step = region.NativeResolution;
        var hours = (int)Math.Ceiling((end - start).TotalHours) + 2;
        var weather = Weather.Draw(random, hours, profile, options, regionHash);

        var result = new List<SimulatedInterval>();
        for (var t = start; t < end; t += step)
        {
            result.Add(Interval(region, profile, options, weather, random, t, (t - start).TotalHours, step));
        }

        return result;
    }

    // string.GetHashCode and HashCode.Combine are randomized per process; a fixed hash keeps "same seed, same files".
    private static int RegionHash(string regionId)
    {
        var hash = 17;
        foreach (var c in regionId)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    /// <summary>One interval: the zones' output and local cuts, then the system-wide cut, the balance and the price.</summary>
    private static SimulatedInterval Interval(Region region, GridProfile profile, SimulationOptions options, Weather weather, Random random, DateTimeOffset t, double h, TimeSpan step)
    {
        var local = TimeZoneInfo.ConvertTime(t + (step / 2), region.TimeZone).DateTime;
        var season = Math.Cos(2 * Math.PI * (local.DayOfYear - 200) / 365.25); // +1 mid-July, -1 mid-January
        var localSeason = region.Latitude < 0 ? -season : season;
        var clearSky = SolarPosition.ClearSkyIrradiance(SolarPosition.ElevationDegrees(t + (step / 2), region.Latitude, region.Longitude)) / 1000;
        var hourOfDay = local.Hour + (local.Minute / 60.0);

        var load = Load(profile, hourOfDay, local.DayOfWeek, localSeason) * (1 + Interpolate(weather.LoadNoise, h));
        var dayIndex = Math.Clamp((int)(h / 24), 0, options.Days + 1);
        var zones = Zones(profile, weather, h, local, hourOfDay, clearSky, load, dayIndex);

        var deliverable = zones.Solar + zones.Wind - zones.LocalSolarCut - zones.LocalWindCut;
        var systemSurplus = deliverable + profile.MustRunMw - load - profile.ExportLimitMw;
        double systemSolarCut = 0, systemWindCut = 0;
        if (systemSurplus > 0 && deliverable > 0)
        {
            var cut = Math.Min(systemSurplus, deliverable);
            var solarLeft = zones.Solar - zones.LocalSolarCut;
            systemSolarCut = cut * solarLeft / deliverable;
            systemWindCut = cut - systemSolarCut;
        }

        var solarCut = zones.LocalSolarCut + systemSolarCut;
        var windCut = zones.LocalWindCut + systemWindCut;
        var renewables = zones.Solar + zones.Wind - solarCut - windCut;
        var balance = load - renewables - profile.MustRunMw;
        var imports = balance > 0 ? Math.Min(balance, 0.2 * load) : Math.Max(balance, -profile.ExportLimitMw);
        var thermal = Math.Max(0, balance - imports);
        var price = 35 + (120 * Math.Tanh(balance / (0.35 * profile.PeakLoadMw))) + (8 * (random.NextDouble() - 0.5));

        return new SimulatedInterval(
            t, step, load, zones.Solar - solarCut, zones.Wind - windCut, solarCut, windCut, profile.MustRunMw, imports, thermal,
            load * (1 + Interpolate(weather.LoadError, h)), Math.Max(0, zones.SolarForecast), Math.Max(0, zones.WindForecast), price)
        {
            Boundaries = zones.Boundaries,
        };
    }

    /// <summary>Each zone's solar and wind under its weather, and the local cut where its surplus exceeds its export limit.</summary>
    private static ZoneTotals Zones(GridProfile profile, Weather weather, double h, DateTime local, double hourOfDay, double clearSky, double load, int dayIndex)
    {
        double solar = 0, wind = 0, localSolarCut = 0, localWindCut = 0, solarFc = 0, windFc = 0;
        var boundaries = new BoundaryFlow[profile.Zones.Count];
        for (var z = 0; z < profile.Zones.Count; z++)
        {
            var zone = profile.Zones[z];
            var zoneSolar = zone.SolarMw * clearSky * (1 - (0.8 * Interpolate(weather.Cloud[z], h)));
            // Spring is windiest; plains wind peaks at night.
            var windShape = (1 + (0.25 * Math.Cos(2 * Math.PI * (local.DayOfYear - 110) / 365.25))) * (1 + (0.15 * Math.Cos(2 * Math.PI * (hourOfDay - 2) / 24)));
            var zoneWind = Math.Min(zone.WindMw, zone.WindMw * 0.45 * Interpolate(weather.Windiness[z], h) * windShape);
            var zoneLoad = load * zone.LoadShare;
            var limit = zone.ExportLimitMw * weather.OutageFactor[z][dayIndex];
            var surplus = zoneSolar + zoneWind - zoneLoad - limit;
            boundaries[z] = new BoundaryFlow(zone.Name, limit, Math.Min(zoneSolar + zoneWind - zoneLoad, limit));
            if (surplus > 0 && zoneSolar + zoneWind > 0)
            {
                localSolarCut += surplus * zoneSolar / (zoneSolar + zoneWind);
                localWindCut += surplus * zoneWind / (zoneSolar + zoneWind);
            }

            solar += zoneSolar;
            wind += zoneWind;
            solarFc += zoneSolar * (1 + Interpolate(weather.SolarError, h));
            windFc += zoneWind * (1 + Interpolate(weather.WindError, h));
        }

        return new ZoneTotals(solar, wind, localSolarCut, localWindCut, solarFc, windFc, boundaries);
    }

    private static double Load(GridProfile profile, double hourOfDay, DayOfWeek day, double season)
    {
        var daily = 0.78 + (0.12 * Math.Cos(2 * Math.PI * (hourOfDay - 18) / 24)) + (0.05 * Math.Cos(4 * Math.PI * (hourOfDay - 9) / 24));
        var weekly = day is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.92 : 1.0;
        var seasonal = profile.SummerPeaking ? 1 + (0.15 * season) : 1 - (0.08 * season);
        return profile.PeakLoadMw * daily * weekly * seasonal;
    }

    /// <summary>An AR(1) path clipped to [min, max] around a mean.</summary>
    private static double[] Ar1(Random random, int length, double persistence, double noise, double mean, double min, double max)
    {
        var values = new double[length];
        var x = mean + ((max - min) * 0.2 * (random.NextDouble() - 0.5));
        for (var i = 0; i < length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            x = mean + (persistence * (x - mean)) + (noise * gaussian * 3);
            x = Math.Clamp(x, min, max);
            values[i] = x;
        }

        return values;
    }

    private static double Interpolate(double[] hourly, double hour)
    {
        var i = Math.Clamp((int)Math.Floor(hour), 0, hourly.Length - 2);
        var f = hour - i;
        return (hourly[i] * (1 - f)) + (hourly[i + 1] * f);
    }

    /// <summary>Hourly weather per zone (interpolated to the step later), forecast errors and outage days.</summary>
    private sealed record Weather(
        double[][] Cloud, double[][] Windiness, double[] LoadNoise, double[] SolarError, double[] WindError, double[] LoadError, double[][] OutageFactor)
    {
        /// <summary>Draws in a fixed order from <paramref name="random"/>, so the same seed gives the same grid.</summary>
        public static Weather Draw(Random random, int hours, GridProfile profile, SimulationOptions options, int regionHash)
        {
            var cloud = profile.Zones.Select(_ => Ar1(random, hours, 0.97, 0.08, 0.3, 0, 0.95)).ToArray();
            var windiness = profile.Zones.Select(_ => Ar1(random, hours, 0.96, 0.07, 0.45, 0.02, 1.2)).ToArray();
            var loadNoise = Ar1(random, hours, 0.9, 0.01, 0, -0.08, 0.08);
            var solarError = Ar1(random, hours, 0.9, 0.04, 0, -0.35, 0.35);
            var windError = Ar1(random, hours, 0.9, 0.06, 0, -0.5, 0.5);
            var loadError = Ar1(random, hours, 0.9, 0.01, 0, -0.06, 0.06);

            // Outages come from their own generator, so the rest of the grid is the same draw whether or not a zone has outages.
            var outages = new Random(unchecked((options.Seed * 7919) ^ regionHash));
            var outageFactor = profile.Zones.Select(_ => Enumerable.Range(0, options.Days + 2).Select(_ => outages.NextDouble() < OutageDayShare ? 0.6 : 1.0).ToArray()).ToArray();
            return new Weather(cloud, windiness, loadNoise, solarError, windError, loadError, outageFactor);
        }
    }

    private readonly record struct ZoneTotals(
        double Solar, double Wind, double LocalSolarCut, double LocalWindCut, double SolarForecast, double WindForecast, BoundaryFlow[] Boundaries);
}
