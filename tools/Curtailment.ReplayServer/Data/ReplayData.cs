using System.Collections.Concurrent;

namespace Curtailment.ReplayServer.Data;

/// <summary>
/// The cleaned files of <c>shared/data/real</c> the replay serves, each loaded on first use and then kept in memory;
/// shared by every server over the same folder in a process (tests start many).
/// </summary>
internal sealed class ReplayData
{
    private static readonly ConcurrentDictionary<string, ReplayData> ByFolder = new(StringComparer.Ordinal);

    private ReplayData(string folder)
    {
        Folder = folder;
        Outlook = Lazy(() => CleanedTable.Load(Path.Combine(folder, "caiso_outlook_5min"), "caiso_outlook_fuelmix_demand_5min_*.csv", "interval_end_utc"));
        DayAhead = Lazy(() => CleanedTable.Load(Path.Combine(folder, "caiso_dayahead_forecast_hourly"), "caiso_dam_solar_wind_forecast_hourly_*.csv", "interval_start_utc"));
        Curtailment = Lazy(() => CleanedTable.Load(Path.Combine(folder, "caiso_production_curtailment_5min"), "caiso_curtailment_5min_*.csv", "interval_start_utc"));
        Eia = Lazy(() => CleanedTable.Load(Path.Combine(folder, "eia930_demand"), "eia930_demand_CISO_hourly.csv", "interval_end_utc"));
        Aemo = Lazy(() => CleanedTable.Load(Path.Combine(folder, "aemo_sa1_price_demand_5min"), "aemo_sa1_price_demand_*.csv", "interval_end_nem_time"));
    }

    /// <summary>The data folder (<c>shared/data/real</c>).</summary>
    public string Folder { get; }

    /// <summary>Today's Outlook, 5-minute, keyed by interval end.</summary>
    public Lazy<CleanedTable> Outlook { get; }

    /// <summary>CAISO's day-ahead solar and wind forecasts, hourly, keyed by interval start.</summary>
    public Lazy<CleanedTable> DayAhead { get; }

    /// <summary>CAISO's 5-minute curtailment (sparse), keyed by interval start.</summary>
    public Lazy<CleanedTable> Curtailment { get; }

    /// <summary>EIA-930 CISO hourly demand, keyed by interval end (EIA's period).</summary>
    public Lazy<CleanedTable> Eia { get; }

    /// <summary>AEMO SA1 price and demand (30- then 5-minute), keyed by interval end.</summary>
    public Lazy<CleanedTable> Aemo { get; }

    /// <summary>The data of <paramref name="folder"/>, loaded at most once per process.</summary>
    public static ReplayData For(string folder) => ByFolder.GetOrAdd(Path.GetFullPath(folder), f => new ReplayData(f));

    /// <summary>Loads every dataset now rather than on the first request.</summary>
    public void LoadAll()
    {
        _ = Outlook.Value;
        _ = DayAhead.Value;
        _ = Curtailment.Value;
        _ = Eia.Value;
        _ = Aemo.Value;
    }

    private static Lazy<CleanedTable> Lazy(Func<CleanedTable> load) => new(load, LazyThreadSafetyMode.ExecutionAndPublication);
}
