using System.Globalization;
using Curtailment.Core.Forecasts;
using Curtailment.Features;

namespace Curtailment.Models.Explanations;

/// <summary>
/// The words for the model's features, keyed by <see cref="FeatureSchema"/> names, and the one place that turns a
/// driver into a sentence. A feature missing here is shown by its raw name.
/// </summary>
public static class FeatureDescriptions
{
    private static readonly Dictionary<string, FeatureDescription> Table = new(StringComparer.Ordinal)
    {
        ["tod_sin"] = new("time of day", DriverUnit.Clock, 0, false),
        ["tod_cos"] = new("time of day", DriverUnit.Clock, 0, false),
        ["doy_sin"] = new("time of year", DriverUnit.None, 0, true),
        ["doy_cos"] = new("time of year", DriverUnit.None, 0, true),
        ["day_of_week"] = new("day of the week", DriverUnit.None, 0, true),
        ["is_weekend"] = new("weekend", DriverUnit.Flag, 0, true),
        ["is_holiday"] = new("holiday", DriverUnit.Flag, 0, true),
        ["sun_elevation_deg"] = new("sun elevation", DriverUnit.Degrees, 1, false),
        ["clear_sky_ghi"] = new("clear-sky sunshine", DriverUnit.Number, 1, false),
        ["day_max_sun_elevation_deg"] = new("midday sun elevation", DriverUnit.Degrees, 1, true),
        ["hist_last_day"] = new("curtailment at this time on the last known day", DriverUnit.Mw, 1, false),
        ["hist_7d_mean"] = new("curtailment at this time over the last 7 days", DriverUnit.Mw, 1, false),
        ["hist_7d_max"] = new("peak curtailment at this time over the last 7 days", DriverUnit.Mw, 1, false),
        ["hist_7d_event_freq"] = new("share of the last 7 days curtailed at this time", DriverUnit.Share, 1, false),
        ["hist_28d_mean"] = new("curtailment at this time over the last 28 days", DriverUnit.Mw, 1, false),
        ["hist_28d_max"] = new("peak curtailment at this time over the last 28 days", DriverUnit.Mw, 1, false),
        ["hist_28d_event_freq"] = new("share of the last 28 days curtailed at this time", DriverUnit.Share, 1, false),
        ["hist_7d_mean_pm1h"] = new("curtailment around this time over the last 7 days", DriverUnit.Mw, 1, false),
        ["hist_last_day_total"] = new("curtailment on the last known day", DriverUnit.Mwh, 1, true),
        ["hist_7d_day_total_mean"] = new("daily curtailment over the last 7 days", DriverUnit.Mwh, 1, true),
        ["hist_last_day_max"] = new("peak curtailment on the last known day", DriverUnit.Mw, 1, true),
        ["hist_recent_6h_mean"] = new("curtailment in the last 6 known hours", DriverUnit.Mw, 1, true),
        ["hist_recent_24h_mean"] = new("curtailment in the last 24 known hours", DriverUnit.Mw, 1, true),
        ["ssa_target_fc"] = new("curtailment trend", DriverUnit.Mw, 1, false),
        ["demand_fc"] = new("demand forecast", DriverUnit.Mw, -1, false),
        ["demand_fc_day_min"] = new("lowest demand forecast of the day", DriverUnit.Mw, -1, true),
        ["demand_fc_day_max"] = new("highest demand forecast of the day", DriverUnit.Mw, -1, true),
        ["demand_recent_24h_mean"] = new("demand over the last 24 hours", DriverUnit.Mw, -1, true),
        ["solar_fc"] = new("solar forecast", DriverUnit.Mw, 1, false),
        ["wind_fc"] = new("wind forecast", DriverUnit.Mw, 1, false),
        ["solar_fc_day_max"] = new("peak solar forecast of the day", DriverUnit.Mw, 1, true),
        ["wind_fc_day_mean"] = new("average wind forecast of the day", DriverUnit.Mw, 1, true),
        ["net_load_fc"] = new("net load forecast", DriverUnit.Mw, -1, false),
        ["net_load_fc_day_min"] = new("lowest net load forecast of the day", DriverUnit.Mw, -1, true),
        ["net_load_fc_above_day_min"] = new("net load above the day's lowest", DriverUnit.Mw, -1, false),
        ["re_share_fc"] = new("renewable share forecast", DriverUnit.Share, 1, false),
        ["re_share_fc_day_max"] = new("peak renewable share forecast of the day", DriverUnit.Share, 1, true),
        ["solar_fc_capacity_ratio"] = new("solar forecast against its recent peak", DriverUnit.Share, 1, false),
        ["net_load_fc_ratio"] = new("net load forecast against demand", DriverUnit.Share, -1, false),
        ["imports_24h_mean"] = new("imports over the last 24 hours", DriverUnit.Mw, 0, true),
        ["large_hydro_24h_mean"] = new("large hydro over the last 24 hours", DriverUnit.Mw, 1, true),
        ["natural_gas_24h_mean"] = new("gas generation over the last 24 hours", DriverUnit.Mw, -1, true),
        ["nuclear_24h_mean"] = new("nuclear generation over the last 24 hours", DriverUnit.Mw, 0, true),
        ["batteries_24h_mean"] = new("battery output over the last 24 hours", DriverUnit.Mw, 0, true),
        ["wind_24h_mean"] = new("wind generation over the last 24 hours", DriverUnit.Mw, 1, true),
        ["solar_28d_max"] = new("peak solar of the last 28 days", DriverUnit.Mw, 1, true),
        ["imports_share_24h"] = new("share of imports over the last 24 hours", DriverUnit.Share, 0, true),
        ["transmission_headroom_min"] = new("transmission headroom", DriverUnit.Mw, -1, true),
        ["transmission_headroom_share_min"] = new("transmission headroom", DriverUnit.Share, -1, true),
        ["transmission_binding_count"] = new("congested interfaces", DriverUnit.Number, 1, true),
        ["transmission_main_flow_recent_mw"] = new("flow across the main boundary", DriverUnit.Mw, 1, true),
        ["transmission_main_loading_recent"] = new("loading of the main boundary", DriverUnit.Share, 1, true),
        ["timing_hours_from_net_load_min"] = new("hours from the day's lowest net load forecast", DriverUnit.Number, 0, false),
        ["timing_net_load_rank"] = new("rank of the net load forecast within the day", DriverUnit.Share, -1, false),
        ["timing_solar_ramp"] = new("solar forecast ramp, MW per hour,", DriverUnit.Number, 0, false),
        ["timing_solar_ramp_share"] = new("solar forecast ramp per hour against its day's peak", DriverUnit.Share, 0, false),
        ["timing_onset_last"] = new("hour curtailment began on the last known day", DriverUnit.Number, 0, true),
        ["timing_end_last"] = new("hour curtailment ended on the last known day", DriverUnit.Number, 0, true),
        ["timing_onset_7d_mean"] = new("usual hour curtailment began over the last 7 known days", DriverUnit.Number, 0, true),
        ["timing_end_7d_mean"] = new("usual hour curtailment ended over the last 7 known days", DriverUnit.Number, 0, true),
        ["timing_curtailed_days_7d"] = new("curtailed days among the last 7 known", DriverUnit.Number, 1, true),
        ["timing_hours_after_onset"] = new("hours after the usual onset of curtailment", DriverUnit.Number, 0, false),
        ["timing_hours_before_end"] = new("hours before the usual end of curtailment", DriverUnit.Number, 0, false),
    };

    /// <summary>The words for <paramref name="feature"/>, or its raw name.</summary>
    public static string Noun(string feature) => Table.TryGetValue(feature, out var d) ? d.Noun : feature;

    /// <summary>
    /// The sentence for a driver: adjective where the feature has a usual direction, its value (and the local clock
    /// time of the row it was read at, for per-interval features), and the effect. Invariant culture throughout.
    /// </summary>
    /// <param name="feature">The feature's schema name.</param>
    /// <param name="effect">Whether it raised or lowered the forecast.</param>
    /// <param name="value">The feature's value at the day's most influential row.</param>
    /// <param name="localTime">That row's local clock time.</param>
    public static string Phrase(string feature, DriverEffect effect, double value, TimeOnly localTime)
    {
        var description = Table.GetValueOrDefault(feature) ?? new FeatureDescription(feature, DriverUnit.Number, 0, false);
        var clock = localTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var adjective = description.Curtails == 0 ? "" : (description.Curtails > 0) == (effect == DriverEffect.Raises) ? "high " : "low ";
        var number = description.Unit switch
        {
            DriverUnit.Mw => string.Create(CultureInfo.InvariantCulture, $"{value:N0} MW"),
            DriverUnit.Mwh => string.Create(CultureInfo.InvariantCulture, $"{value:N0} MWh"),
            DriverUnit.Share => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0}%"),
            DriverUnit.Degrees => string.Create(CultureInfo.InvariantCulture, $"{value:0}°"),
            DriverUnit.Number => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}"),
            _ => null,
        };
        var detail = description.Unit switch
        {
            DriverUnit.Clock => $" ({clock})",
            DriverUnit.None or DriverUnit.Flag => "",
            _ when description.Daily => $" ({number})",
            _ => $" ({number} at {clock})",
        };
        var noun = description.Unit == DriverUnit.Flag && value < 0.5 ? "no " + description.Noun : description.Noun;
        var verb = effect == DriverEffect.Raises ? "raises" : "lowers";
        return $"{adjective}{noun}{detail} {verb} the forecast";
    }
}
