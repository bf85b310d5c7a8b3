using Curtailment.Features;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Curtailment.Models.Trees;

/// <summary>
/// The level of a day's curtailment relative to its week profile, from a few day-level drivers: a ridge
/// regression of <c>log(1 + day mean) - log(1 + week-profile day mean)</c> on whether the day is a weekend
/// or holiday, how its day-ahead demand compares with the week's, how much deeper its forecast
/// net-load trough is, and, behind a transmission boundary, the boundary's flow at the end of the last known day (GW;
/// zero where a region has no boundaries, which leaves that weight at zero). Most of the forecast error is in a day's level rather than its shape (a sunny,
/// windy Saturday against a dull week), and with a few months of training days a three-input linear model
/// places that level more steadily than trees splitting on the same inputs. The trees keep the shape.
/// </summary>
public sealed record DayLevelModel(double[] Weights)
{
    private const double Ridge = 1.0;

    /// <summary>Days with fewer known history days than this have no reliable week profile and are not fitted on.</summary>
    public const int MinimumHistoryDays = 7;

    /// <summary>The inputs, in order (without the intercept).</summary>
    public static IReadOnlyList<string> InputNames { get; } = ["weekend_or_holiday", "wk_demand_change_daylight_mean", "wk_net_load_day_min_change", "transmission_main_flow_recent_gw"];

    private static readonly int WeekendIndex = FeatureSchema.IndexOf("is_weekend");
    private static readonly int HolidayIndex = FeatureSchema.IndexOf("is_holiday");
    private static readonly int DemandChangeIndex = FeatureSchema.IndexOf("wk_demand_change");
    private static readonly int TroughChangeIndex = FeatureSchema.IndexOf("wk_net_load_day_min_change");
    private static readonly int SunIndex = FeatureSchema.IndexOf("sun_elevation_deg");
    private static readonly int HistoryDaysIndex = FeatureSchema.IndexOf("hist_days_known");
    private static readonly int MainFlowIndex = FeatureSchema.IndexOf("transmission_main_flow_recent_mw");

    /// <summary>The inputs of one day, from its (masked) feature rows.</summary>
    public static double[] Inputs(IReadOnlyList<float[]> dayRows)
    {
        ArgumentNullException.ThrowIfNull(dayRows);
        if (dayRows.Count == 0)
        {
            return new double[InputNames.Count];
        }

        var daylight = dayRows.Where(r => r[SunIndex] > 0).ToList();
        return
        [
            Math.Max(dayRows[0][WeekendIndex], dayRows[0][HolidayIndex]),
            daylight.Count > 0 ? daylight.Average(r => r[DemandChangeIndex]) : 0,
            dayRows[0][TroughChangeIndex],
            dayRows[0][MainFlowIndex] / 1000.0,
        ];
    }

    /// <summary>Whether a day's rows have enough history for its week profile to be a level to learn against.</summary>
    public static bool HasWeekProfile(IReadOnlyList<float[]> dayRows) => dayRows.Count > 0 && dayRows[0][HistoryDaysIndex] >= MinimumHistoryDays;

    /// <summary>
    /// Weighted ridge fit (intercept not penalised; weights scaled to a mean of 1 so the penalty means the same
    /// whatever the weighting); null with fewer than <see cref="InputNames"/>.Count + 2 days.
    /// </summary>
    /// <param name="days">Each day's inputs, actual mean, week-profile mean and weight.</param>
    public static DayLevelModel? Fit(IReadOnlyList<(double[] Inputs, double ActualMean, double WeekProfileMean, double Weight)> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count < InputNames.Count + 2)
        {
            return null;
        }

        var meanWeight = days.Average(d => d.Weight);
        var k = InputNames.Count + 1;
        var normal = new DenseMatrix(k, k);
        var right = new DenseVector(k);
        foreach (var (inputs, actual, weekProfile, weight) in days)
        {
            var x = Row(inputs);
            var y = double.LogP1(Math.Max(0, actual)) - double.LogP1(Math.Max(0, weekProfile));
            var w = meanWeight > 0 ? weight / meanWeight : 1;
            for (var a = 0; a < k; a++)
            {
                right[a] += w * x[a] * y;
                for (var b = 0; b < k; b++)
                {
                    normal[a, b] += w * x[a] * x[b];
                }
            }
        }

        normal[0, 0] += 1e-9;
        for (var j = 1; j < k; j++)
        {
            normal[j, j] += Ridge;
        }

        return new DayLevelModel(normal.Solve(right).ToArray());
    }

    /// <summary>The day mean this model expects, given the day's inputs and its week-profile mean.</summary>
    public double DayMean(double[] inputs, double weekProfileMean)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var x = Row(inputs);
        var log = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            log += Weights[j] * x[j];
        }

        return Math.Max(0, double.ExpM1(double.LogP1(Math.Max(0, weekProfileMean)) + log));
    }

    /// <summary>
    /// The factor that moves a day whose forecasts average <paramref name="forecastMean"/> a share
    /// <paramref name="share"/> of the way (in log terms) to this model's day mean.
    /// </summary>
    public double Factor(double[] inputs, double weekProfileMean, double forecastMean, double share)
    {
        var floor = Math.Max(1, forecastMean);
        var target = Math.Exp(((1 - share) * Math.Log(floor)) + (share * Math.Log(Math.Max(1, DayMean(inputs, weekProfileMean)))));
        return target / floor;
    }

    private static double[] Row(double[] inputs) => [1.0, .. inputs];
}
