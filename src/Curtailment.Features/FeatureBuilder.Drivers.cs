using Curtailment.Core.Observations;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    /// <summary>
    /// Demand forecast for the target: the operator's day-ahead forecast where it was published by the
    /// issue time, else the series forecaster's (SSA) forecast from the hourly demand known at issue time,
    /// else (no forecaster, or too little history) the same-clock-time mean of the last 7 days of actual demand.
    /// </summary>
    private async Task AddDemandAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var forecast = await ReadAsync(context, SeriesIds.DemandForecastDayAhead, request.TargetStart, request.TargetEnd, request.Step, cancellationToken);
        var actual = await ReadAsync(context, SeriesIds.Demand, request.TargetStart.AddDays(-9), request.IssuedAt, request.Step, cancellationToken);
        context.RecentDemand = actual;
        // Only worth the series forecast when some row lacks the operator's.
        var extrapolated = forecast.Values.Any(double.IsNaN)
            ? await ForecastOnTargetGridAsync(context, seriesForecaster, SeriesIds.Demand, DemandForecastHistoryDays, cancellationToken)
            : null;

        var demand = context.New();
        var isOperator = context.New();
        var isSeriesForecast = context.New();
        for (var i = 0; i < context.Count; i++)
        {
            var fc = forecast.Values[i];
            if (!double.IsNaN(fc))
            {
                demand[i] = (float)fc;
                isOperator[i] = 1;
            }
            else if (extrapolated is not null && double.IsFinite(extrapolated[i]))
            {
                demand[i] = (float)extrapolated[i];
                isSeriesForecast[i] = 1;
            }
            else
            {
                demand[i] = F(MeanKnown(Enumerable.Range(1, 8).Select(k => At(actual, context.SameClockTime(i, k)))));
            }
        }

        context.Set("demand_fc", demand);
        context.Set("demand_fc_is_operator", isOperator);
        context.Set("demand_fc_is_ssa", isSeriesForecast);
        context.Set("demand_fc_day_min", DayAggregate(context, demand, Enumerable.Min));
        context.Set("demand_fc_day_max", DayAggregate(context, demand, Enumerable.Max));
        var recent = MeanKnown(actual.Values.Skip(Math.Max(0, actual.Values.Length - (int)(TimeSpan.FromDays(1) / request.Step))));
        context.Set("demand_recent_24h_mean", Fill(context, F(recent)));
    }

    /// <summary>The operator's day-ahead solar and wind forecasts and the net load they imply.</summary>
    private async Task AddRenewableForecastsAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var solar = await ReadAsync(context, SeriesIds.SolarForecastDayAhead, request.TargetStart, request.TargetEnd, request.Step, cancellationToken);
        var wind = await ReadAsync(context, SeriesIds.WindForecastDayAhead, request.TargetStart, request.TargetEnd, request.Step, cancellationToken);
        var solarActual = await ReadAsync(context, SeriesIds.Solar, request.IssuedAt.AddDays(-28), request.IssuedAt, TimeSpan.FromHours(1), cancellationToken);
        var solarMax = solarActual.KnownCount > 0 ? solarActual.Values.Where(v => !double.IsNaN(v)).Max() : double.NaN;

        var demand = context.Columns["demand_fc"];
        var has = context.New();
        var solarFc = context.New();
        var windFc = context.New();
        var netLoad = context.New();
        var share = context.New();
        var capacity = context.New();
        var netRatio = context.New();
        for (var i = 0; i < context.Count; i++)
        {
            if (double.IsNaN(solar.Values[i]) || double.IsNaN(wind.Values[i]))
            {
                continue;
            }

            has[i] = 1;
            solarFc[i] = (float)solar.Values[i];
            windFc[i] = (float)wind.Values[i];
            netLoad[i] = demand[i] - solarFc[i] - windFc[i];
            share[i] = demand[i] > 0 ? (solarFc[i] + windFc[i]) / demand[i] : 0;
            capacity[i] = solarMax > 0 ? (float)(solarFc[i] / solarMax) : 0;
            netRatio[i] = demand[i] > 0 ? netLoad[i] / demand[i] : 0;
        }

        var dayMin = DayAggregate(context, netLoad, Enumerable.Min);
        context.Set("has_re_fc", has);
        context.Set("solar_fc", solarFc);
        context.Set("wind_fc", windFc);
        context.Set("solar_fc_day_max", DayAggregate(context, solarFc, Enumerable.Max));
        context.Set("wind_fc_day_mean", DayAggregate(context, windFc, Enumerable.Average));
        context.Set("net_load_fc", netLoad);
        context.Set("net_load_fc_day_min", dayMin);
        context.Set("net_load_fc_above_day_min", netLoad.Select((v, i) => v - dayMin[i]).ToArray());
        context.Set("re_share_fc", share);
        context.Set("re_share_fc_day_max", DayAggregate(context, share, Enumerable.Max));
        context.Set("solar_fc_capacity_ratio", capacity);
        context.Set("net_load_fc_ratio", netRatio);
        context.Set("solar_28d_max", Fill(context, F(solarMax)));
    }

    /// <summary>Supply by fuel over the 24 hours before the issue time (real-time data is known up to it).</summary>
    private async Task AddRecentSupplyAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var from = request.IssuedAt.AddDays(-1);
        async Task<double> MeanAsync(string series) =>
            MeanKnown((await ReadAsync(context, series, from, request.IssuedAt, TimeSpan.FromHours(1), cancellationToken)).Values);

        var imports = await MeanAsync(SeriesIds.Imports);
        var demand = await MeanAsync(SeriesIds.Demand);
        context.Set("has_supply", Fill(context, double.IsNaN(imports) ? 0 : 1));
        context.Set("imports_24h_mean", Fill(context, F(imports)));
        context.Set("large_hydro_24h_mean", Fill(context, F(await MeanAsync(SeriesIds.LargeHydro))));
        context.Set("natural_gas_24h_mean", Fill(context, F(await MeanAsync(SeriesIds.NaturalGas))));
        context.Set("nuclear_24h_mean", Fill(context, F(await MeanAsync(SeriesIds.Nuclear))));
        context.Set("batteries_24h_mean", Fill(context, F(await MeanAsync(SeriesIds.Batteries))));
        context.Set("wind_24h_mean", Fill(context, F(await MeanAsync(SeriesIds.Wind))));
        context.Set("imports_share_24h", Fill(context, demand > 0 ? F(imports / demand) : 0));
    }

    private static float[] Fill(BuildContext context, float value)
    {
        var values = context.New();
        Array.Fill(values, value);
        return values;
    }

    private static float[] DayAggregate(BuildContext context, float[] values, Func<IEnumerable<float>, float> aggregate)
    {
        var result = context.New();
        foreach (var day in RowsByLocalDay(context))
        {
            var value = aggregate(day.Select(i => values[i]));
            foreach (var i in day)
            {
                result[i] = value;
            }
        }

        return result;
    }
}
