namespace Curtailment.Core.Observations;

/// <summary>
/// Well-known series ids. A series id is snake_case with its unit as suffix, the same as the column
/// names of the cleaned and wide files (<c>solar_mw</c>, <c>gfs_dswrf_w_m2</c>), so a wide file's
/// columns map to series without a table. Sources may add series of their own.
/// </summary>
public static class SeriesIds
{
    /// <summary>Actual demand (load), MW.</summary>
    public const string Demand = "demand_mw";

    /// <summary>The operator's day-ahead demand forecast, MW.</summary>
    public const string DemandForecastDayAhead = "demand_forecast_dayahead_mw";

    /// <summary>The operator's hour-ahead demand forecast, MW.</summary>
    public const string DemandForecastHourAhead = "demand_forecast_hourahead_mw";

    /// <summary>Solar production, MW.</summary>
    public const string Solar = "solar_mw";

    /// <summary>Wind production, MW.</summary>
    public const string Wind = "wind_mw";

    /// <summary>Net load (demand less solar and wind), MW.</summary>
    public const string NetLoad = "net_load_mw";

    /// <summary>The operator's day-ahead solar forecast, MW.</summary>
    public const string SolarForecastDayAhead = "solar_forecast_dayahead_mw";

    /// <summary>The operator's day-ahead wind forecast, MW.</summary>
    public const string WindForecastDayAhead = "wind_forecast_dayahead_mw";

    /// <summary>Solar curtailment, MW (average over the interval).</summary>
    public const string SolarCurtailment = "solar_curtailment_mw";

    /// <summary>Wind curtailment, MW (average over the interval).</summary>
    public const string WindCurtailment = "wind_curtailment_mw";

    /// <summary>Wind plus solar curtailment, MW (average over the interval): the forecast target.</summary>
    public const string TotalCurtailment = "total_curtailment_mw";

    /// <summary>Regional reference price, AUD/MWh (AEMO).</summary>
    public const string PriceAud = "rrp_aud_per_mwh";

    /// <summary>
    /// Share of an interval with a negative price (1 or 0 per dispatch interval; a share once averaged): the proxy
    /// target of oversupply where no curtailment series is published.
    /// </summary>
    public const string NegativePriceShare = "negative_price_share";

    /// <summary>Large hydro production, MW.</summary>
    public const string LargeHydro = "large_hydro_mw";

    /// <summary>Natural gas production, MW.</summary>
    public const string NaturalGas = "natural_gas_mw";

    /// <summary>Nuclear production, MW.</summary>
    public const string Nuclear = "nuclear_mw";

    /// <summary>Battery output (negative while charging), MW.</summary>
    public const string Batteries = "batteries_mw";

    /// <summary>Net imports, MW.</summary>
    public const string Imports = "imports_mw";

    /// <summary>Redispatch that reduces feed-in (German TSOs' <c>down</c>; includes renewable curtailment), MW.</summary>
    public const string RedispatchDown = "redispatch_down_mw";

    /// <summary>Redispatch that increases feed-in (German TSOs' <c>up</c>), MW.</summary>
    public const string RedispatchUp = "redispatch_up_mw";

    /// <summary>
    /// The latest wind generation forecast before each interval (Elexon WINDFOR <c>latest</c>): a short-lead
    /// forecast, not a day-ahead one, so it is known only once the interval has passed.
    /// </summary>
    public const string WindForecastLatest = "wind_forecast_latest_mw";

    /// <summary>Prefix of every transmission-boundary series (<c>boundary_scotex_limit_mw</c>).</summary>
    public const string BoundaryPrefix = "boundary_";

    /// <summary>The transmission limit of a boundary (<c>scotex</c>), MW.</summary>
    public static string BoundaryLimit(string boundary) => $"{BoundaryPrefix}{boundary}_limit_mw";

    /// <summary>The flow across a boundary, MW (signed as the operator publishes it).</summary>
    public static string BoundaryFlow(string boundary) => $"{BoundaryPrefix}{boundary}_flow_mw";

    /// <summary>
    /// Headroom of a boundary: limit minus flow, MW. Not stored where the limit is a placeholder that means
    /// "no binding limit".
    /// </summary>
    public static string BoundaryHeadroom(string boundary) => $"{BoundaryPrefix}{boundary}_headroom_mw";

    /// <summary>
    /// Whether values of the series are energy-like and given in MW, so that MW x hours is MWh.
    /// </summary>
    public static bool IsPowerMw(string seriesId) => seriesId.EndsWith("_mw", StringComparison.Ordinal);

    /// <summary>
    /// Whether a missing interval of the series means zero inside the span a file covers (operators
    /// list only intervals in which curtailment occurred).
    /// </summary>
    public static bool IsSparseZero(string seriesId) => seriesId.Contains("curtailment", StringComparison.Ordinal);
}
