using Curtailment.Features.Drivers;

namespace Curtailment.Features;

public sealed partial class FeatureBuilder
{
    /// <summary>Days of hourly demand the series forecaster sees (four weekly cycles).</summary>
    public const int DemandForecastHistoryDays = 28;

    /// <summary>
    /// Days of hourly target history the series forecaster sees: the last 28 known days plus the days not
    /// yet published at issue time (CAISO: D-1), which it forecasts across.
    /// </summary>
    public const int TargetForecastHistoryDays = 30;

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Forecasts a series on an hourly grid anchored at the issue time (so local hours stay whole in
    /// every time zone), from its hourly means known at the issue time over the last
    /// <paramref name="historyDays"/> days, through the end of the target range. Unknown hours are NaN in
    /// the history: interior gaps keep their place, trailing unpublished hours are forecast across.
    /// Null without a forecaster, or when it declines (too short or sparse a history).
    /// </summary>
    private async Task<double[]?> ForecastOnTargetGridAsync(BuildContext context, ISeriesForecaster? forecaster, string series, int historyDays, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (forecaster is null || request.TargetEnd <= request.IssuedAt)
        {
            return null;
        }

        var history = await ReadAsync(context, series, request.IssuedAt.AddDays(-historyDays), request.IssuedAt, Hour, cancellationToken);
        if (history.KnownCount == 0)
        {
            return null;
        }

        var horizon = (int)Math.Ceiling((request.TargetEnd - request.IssuedAt) / Hour);
        var hourly = forecaster.Forecast(history.Values, horizon);
        return hourly is null || hourly.Length < horizon ? null : OnTargetGrid(context, hourly);
    }

    /// <summary>
    /// Maps hourly values starting at the issue time onto the target rows: each row takes the mean of the
    /// hours it overlaps, weighted by the overlap; rows before the issue time are NaN.
    /// </summary>
    private static double[] OnTargetGrid(BuildContext context, double[] hourly)
    {
        var issuedAt = context.Request.IssuedAt;
        var step = context.Request.Step;
        var values = new double[context.Count];
        for (var i = 0; i < context.Count; i++)
        {
            var start = context.Starts[i];
            var end = start + step;
            if (start < issuedAt)
            {
                values[i] = double.NaN;
                continue;
            }

            double sum = 0, weight = 0;
            var first = (int)((start - issuedAt) / Hour);
            for (var h = first; h < hourly.Length && issuedAt + (Hour * h) < end; h++)
            {
                var hourStart = issuedAt + (Hour * h);
                var overlap = (Min(end, hourStart + Hour) - Max(start, hourStart)).TotalSeconds;
                if (overlap > 0 && double.IsFinite(hourly[h]))
                {
                    sum += hourly[h] * overlap;
                    weight += overlap;
                }
            }

            values[i] = weight > 0 ? sum / weight : double.NaN;
        }

        return values;
    }

    /// <summary>
    /// The series forecaster's forecast of the target itself (stacking: the trees learn how far to trust
    /// it), from the hourly means of the last known days across the unpublished ones; curtailment is never
    /// negative, so the forecast is clipped at zero.
    /// </summary>
    private async Task AddTargetForecastAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var forecast = await ForecastOnTargetGridAsync(context, TargetForecaster, context.Request.Region.Target.Series, TargetForecastHistoryDays, cancellationToken);
        var values = context.New();
        var has = context.New();
        if (forecast is not null)
        {
            for (var i = 0; i < context.Count; i++)
            {
                if (double.IsFinite(forecast[i]))
                {
                    values[i] = (float)Math.Max(0, forecast[i]);
                    has[i] = 1;
                }
            }
        }

        context.Set("ssa_target_fc", values);
        context.Set("has_ssa_target_fc", has);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
