using Curtailment.Core.Sun;
using Curtailment.Features.Calendar;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    private static void AddCalendar(BuildContext context)
    {
        var calendar = context.Request.Region.Holidays ?? HolidayCalendar.CalendarOf(context.Zone.Id);
        var todSin = context.New();
        var todCos = context.New();
        var doySin = context.New();
        var doyCos = context.New();
        var dow = context.New();
        var weekend = context.New();
        var holiday = context.New();
        for (var i = 0; i < context.Count; i++)
        {
            // Interval midpoints, so a 5-minute and an hourly grid describe the same clock time alike.
            var local = context.LocalStarts[i] + (context.Request.Step / 2);
            var minute = (local.Hour * 60) + local.Minute + (local.Second / 60.0);
            var dayAngle = 2 * Math.PI * minute / 1440;
            var yearAngle = 2 * Math.PI * (local.DayOfYear - 1) / 365.25;
            todSin[i] = (float)Math.Sin(dayAngle);
            todCos[i] = (float)Math.Cos(dayAngle);
            doySin[i] = (float)Math.Sin(yearAngle);
            doyCos[i] = (float)Math.Cos(yearAngle);
            dow[i] = (int)local.DayOfWeek;
            weekend[i] = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0;
            holiday[i] = HolidayCalendar.IsHoliday(DateOnly.FromDateTime(context.LocalStarts[i]), calendar) ? 1 : 0;
        }

        context.Set("tod_sin", todSin);
        context.Set("tod_cos", todCos);
        context.Set("doy_sin", doySin);
        context.Set("doy_cos", doyCos);
        context.Set("day_of_week", dow);
        context.Set("is_weekend", weekend);
        context.Set("is_holiday", holiday);
    }

    private static void AddSun(BuildContext context)
    {
        var region = context.Request.Region;
        var elevation = context.New();
        var clearSky = context.New();
        var dayMax = context.New();
        for (var i = 0; i < context.Count; i++)
        {
            var e = SolarPosition.ElevationDegrees(context.Starts[i] + (context.Request.Step / 2), region.Latitude, region.Longitude);
            elevation[i] = (float)e;
            clearSky[i] = (float)SolarPosition.ClearSkyIrradiance(e);
        }

        foreach (var day in RowsByLocalDay(context))
        {
            var max = day.Max(i => elevation[i]);
            foreach (var i in day)
            {
                dayMax[i] = max;
            }
        }

        context.Set("sun_elevation_deg", elevation);
        context.Set("clear_sky_ghi", clearSky);
        context.Set("day_max_sun_elevation_deg", dayMax);
    }
}
