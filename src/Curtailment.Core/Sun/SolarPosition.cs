namespace Curtailment.Core.Sun;

/// <summary>
/// Sun elevation from the low-precision almanac formulas (good to about 0.01 degrees, far finer
/// than a regional centroid needs) and a clear-sky irradiance proxy.
/// </summary>
public static class SolarPosition
{
    private const double Deg = Math.PI / 180;

    /// <summary>Sun elevation above the horizon in degrees at an instant and place.</summary>
    public static double ElevationDegrees(DateTimeOffset instant, double latitude, double longitude)
    {
        var n = (instant.UtcDateTime - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;
        var meanLongitude = Normalize(280.460 + (0.9856474 * n));
        var meanAnomaly = Normalize(357.528 + (0.9856003 * n)) * Deg;
        var eclipticLongitude = (meanLongitude + (1.915 * Math.Sin(meanAnomaly)) + (0.020 * Math.Sin(2 * meanAnomaly))) * Deg;
        var obliquity = (23.439 - (0.0000004 * n)) * Deg;

        var rightAscension = Math.Atan2(Math.Cos(obliquity) * Math.Sin(eclipticLongitude), Math.Cos(eclipticLongitude));
        var declination = Math.Asin(Math.Sin(obliquity) * Math.Sin(eclipticLongitude));
        var siderealHours = (18.697374558 + (24.06570982441908 * n)) % 24;
        var hourAngle = ((siderealHours * 15) + longitude) * Deg - rightAscension;

        var lat = latitude * Deg;
        var sinElevation = (Math.Sin(lat) * Math.Sin(declination)) + (Math.Cos(lat) * Math.Cos(declination) * Math.Cos(hourAngle));
        return Math.Asin(Math.Clamp(sinElevation, -1, 1)) / Deg;
    }

    /// <summary>
    /// Clear-sky global horizontal irradiance in W/m2 (Haurwitz's model): zero with the sun below the
    /// horizon, about 1,000 at a high sun.
    /// </summary>
    public static double ClearSkyIrradiance(double elevationDegrees)
    {
        if (elevationDegrees <= 0)
        {
            return 0;
        }

        var cosZenith = Math.Sin(elevationDegrees * Deg);
        return 1098 * cosZenith * Math.Exp(-0.057 / cosZenith);
    }

    private static double Normalize(double degrees) => ((degrees % 360) + 360) % 360;
}
