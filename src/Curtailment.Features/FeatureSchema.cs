namespace Curtailment.Features;

/// <summary>
/// The feature names, in the order models see them. The order is part of a model's contract: it is
/// written to the model manifest and checked when a model is loaded. Bump <see cref="Version"/> when
/// it changes.
/// </summary>
public static class FeatureSchema
{
    /// <summary>Version of the list below.</summary>
    public const string Version = "6";

    /// <summary>The group of the features that place curtailment within the day (<c>timing_*</c>); a setting switches it.</summary>
    public const string TimingGroup = "timing";

    /// <summary>All feature names, in model order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        // Calendar, local time
        "tod_sin", "tod_cos", "doy_sin", "doy_cos", "day_of_week", "is_weekend", "is_holiday",
        // Sun at the region's centroid
        "sun_elevation_deg", "clear_sky_ghi", "day_max_sun_elevation_deg",
        // Target history known at issue time, at the same local clock time
        "hist_last_day", "hist_7d_mean", "hist_7d_max", "hist_7d_event_freq",
        "hist_28d_mean", "hist_28d_max", "hist_28d_event_freq", "hist_7d_mean_pm1h",
        "hist_last_day_total", "hist_7d_day_total_mean", "hist_last_day_max", "hist_days_known",
        // The target's latest known level, whatever the clock time
        "hist_recent_6h_mean", "hist_recent_24h_mean",
        // The series forecaster's (SSA) extrapolation of the target from its known history
        "ssa_target_fc", "has_ssa_target_fc",
        // Demand known at issue and forecast for the target
        "demand_fc", "demand_fc_is_operator", "demand_fc_is_ssa", "demand_fc_day_min", "demand_fc_day_max", "demand_recent_24h_mean",
        // Operator day-ahead renewable forecasts and what they imply
        "has_re_fc", "solar_fc", "wind_fc", "solar_fc_day_max", "wind_fc_day_mean",
        "net_load_fc", "net_load_fc_day_min", "net_load_fc_above_day_min", "re_share_fc", "re_share_fc_day_max",
        "solar_fc_capacity_ratio", "net_load_fc_ratio",
        // The day-ahead drivers against the days the week profile averages, as shares of that week's demand
        "wk_demand_change", "wk_solar_change", "wk_wind_change", "wk_net_load_change", "wk_net_load_day_min_change",
        // Recent supply known at issue (Today's Outlook)
        "has_supply", "imports_24h_mean", "large_hydro_24h_mean", "natural_gas_24h_mean", "nuclear_24h_mean",
        "batteries_24h_mean", "wind_24h_mean", "solar_28d_max", "imports_share_24h",
        // Transmission
        "has_transmission", "transmission_headroom_min", "transmission_headroom_share_min", "transmission_headroom_share_7d_mean",
        "transmission_binding_count", "transmission_binding_share_last_day", "transmission_limit_change",
        "transmission_main_flow_recent_mw", "transmission_main_loading_recent",
        // Timing within the day: where the day-ahead net load bottoms out, the solar ramp, the last known days' onset and end
        "timing_has_net_load", "timing_hours_from_net_load_min", "timing_net_load_rank", "timing_solar_ramp", "timing_solar_ramp_share",
        "timing_onset_last", "timing_end_last", "timing_onset_7d_mean", "timing_end_7d_mean", "timing_curtailed_days_7d",
        "timing_hours_after_onset", "timing_hours_before_end",
    ];

    /// <summary>Feature groups, for ablations: calendar, season, sun, history, ssa, demand, renewables, week_change, supply, transmission, timing.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["calendar", "season", "sun", "history", "ssa", "demand", "renewables", "week_change", "supply", "transmission", TimingGroup];

    /// <summary>The column of a feature in every row; throws for a name the schema does not list.</summary>
    public static int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = Names.ToList().IndexOf(name);
        return index >= 0 ? index : throw new InvalidOperationException($"Feature '{name}' is missing from the schema.");
    }

    /// <summary>The group a feature belongs to (its source), so a whole source can be left out at once.</summary>
    public static string GroupOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "doy_sin" or "doy_cos" => "season",
            "tod_sin" or "tod_cos" or "day_of_week" or "is_weekend" or "is_holiday" => "calendar",
            "sun_elevation_deg" or "clear_sky_ghi" or "day_max_sun_elevation_deg" => "sun",
            _ when name.StartsWith("hist_", StringComparison.Ordinal) => "history",
            _ when name.StartsWith("timing_", StringComparison.Ordinal) => TimingGroup,
            "ssa_target_fc" or "has_ssa_target_fc" => "ssa",
            _ when name.StartsWith("demand_", StringComparison.Ordinal) => "demand",
            _ when name.StartsWith("wk_", StringComparison.Ordinal) => "week_change",
            "has_re_fc" or "solar_fc" or "wind_fc" or "solar_fc_day_max" or "wind_fc_day_mean" or "re_share_fc" or "re_share_fc_day_max"
                or "solar_fc_capacity_ratio" => "renewables",
            _ when name.StartsWith("net_load_fc", StringComparison.Ordinal) || name.StartsWith("solar_fc", StringComparison.Ordinal) => "renewables",
            _ when name.Contains("transmission", StringComparison.Ordinal) => "transmission",
            _ => "supply",
        };
    }
}
