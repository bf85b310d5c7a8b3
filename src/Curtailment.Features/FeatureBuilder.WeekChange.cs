using Curtailment.Core.Observations;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    /// <summary>Days before the target day averaged by the week-change features: the seven days the week profile sees.</summary>
    private const int WeekChangeFirstDay = 2;

    /// <summary>
    /// The day-ahead drivers of the target day against the same clock time of the days the week profile
    /// averages (D-2..D-8): demand, solar, wind and net load, each as a share of that week's demand. The
    /// model learns curtailment relative to the week profile, so what moves it is how the target day
    /// differs from that week (sunnier, windier, a holiday's lower load), not the drivers' absolute level.
    /// Shares of demand are scale-free, so a year with more solar capacity reads like one with less.
    /// Past days use the operator's day-ahead forecasts where published (forecast against forecast keeps
    /// their bias out of the difference) and actual demand otherwise; actual solar is not a stand-in, as
    /// curtailment itself lowers it.
    /// </summary>
    private async Task AddWeekChangeAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        // Every row's past days, for a range that starts before its last local day (a vintage issued at 10:00 on D-1
        // runs to the end of D): a row's value must not depend on where the range starts.
        var from = request.TargetStart.AddDays(-(WeekChangeFirstDay + 7));
        var to = request.TargetEnd.AddDays(-WeekChangeFirstDay + 1);
        var demandForecast = await ReadAsync(context, SeriesIds.DemandForecastDayAhead, from, to, request.Step, cancellationToken);
        var demandActual = context.RecentDemand ?? await ReadAsync(context, SeriesIds.Demand, from, to, request.Step, cancellationToken);
        var solar = await ReadAsync(context, SeriesIds.SolarForecastDayAhead, from, to, request.Step, cancellationToken);
        var wind = await ReadAsync(context, SeriesIds.WindForecastDayAhead, from, to, request.Step, cancellationToken);

        var hasRenewables = context.Columns["has_re_fc"];
        var demandFc = context.Columns["demand_fc"];
        var solarFc = context.Columns["solar_fc"];
        var windFc = context.Columns["wind_fc"];
        var netLoadFc = context.Columns["net_load_fc"];
        var demandChange = context.New();
        var solarChange = context.New();
        var windChange = context.New();
        var netLoadChange = context.New();
        var pastNetLoad = new double[context.Count];
        var pastDemandScale = new double[context.Count];
        Array.Fill(pastNetLoad, double.NaN);
        for (var i = 0; i < context.Count; i++)
        {
            var (demandSum, demandCount, solarSum, windSum, netSum, netCount) = (0.0, 0, 0.0, 0.0, 0.0, 0);
            for (var k = WeekChangeFirstDay; k < WeekChangeFirstDay + 7; k++)
            {
                var at = context.SameClockTime(i, k);
                var demand = At(demandForecast, at);
                demand = double.IsNaN(demand) ? At(demandActual, at) : demand;
                if (double.IsNaN(demand) || demand <= 0)
                {
                    continue;
                }

                demandSum += demand;
                demandCount++;
                var (s, w) = (At(solar, at), At(wind, at));
                if (!double.IsNaN(s) && !double.IsNaN(w))
                {
                    solarSum += s;
                    windSum += w;
                    netSum += demand - s - w;
                    netCount++;
                }
            }

            if (demandCount == 0)
            {
                continue;
            }

            var scale = demandSum / demandCount;
            pastDemandScale[i] = scale;
            demandChange[i] = (float)((demandFc[i] - scale) / scale);
            if (hasRenewables[i] > 0 && netCount > 0)
            {
                solarChange[i] = (float)((solarFc[i] - (solarSum / netCount)) / scale);
                windChange[i] = (float)((windFc[i] - (windSum / netCount)) / scale);
                pastNetLoad[i] = netSum / netCount;
                netLoadChange[i] = (float)((netLoadFc[i] - pastNetLoad[i]) / scale);
            }
        }

        context.Set("wk_demand_change", demandChange);
        context.Set("wk_solar_change", solarChange);
        context.Set("wk_wind_change", windChange);
        context.Set("wk_net_load_change", netLoadChange);
        context.Set("wk_net_load_day_min_change", NetLoadDayMinChange(context, netLoadFc, pastNetLoad, pastDemandScale));
    }

    /// <summary>
    /// The target day's lowest forecast net load against the lowest of the week's mean net-load profile, as a
    /// share of the week's demand at that time: how much deeper the day's trough is than the week's.
    /// </summary>
    private static float[] NetLoadDayMinChange(BuildContext context, float[] netLoadFc, double[] pastNetLoad, double[] pastDemandScale)
    {
        var result = context.New();
        foreach (var day in RowsByLocalDay(context))
        {
            var rows = day.Where(i => !double.IsNaN(pastNetLoad[i])).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var pastMinRow = rows.MinBy(i => pastNetLoad[i]);
            var change = (rows.Min(i => netLoadFc[i]) - pastNetLoad[pastMinRow]) / pastDemandScale[pastMinRow];
            foreach (var i in day)
            {
                result[i] = (float)change;
            }
        }

        return result;
    }
}
