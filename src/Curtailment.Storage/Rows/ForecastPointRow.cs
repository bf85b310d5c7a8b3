using Curtailment.Core.Forecasts;

namespace Curtailment.Storage.Rows;

/// <summary>A <c>forecast_point</c> table row as both stores read it.</summary>
internal sealed class ForecastPointRow
{
    /// <summary>The column list, in the order both stores select it.</summary>
    public const string Columns = "interval_start, interval_end, predicted_mw, lower_mw, upper_mw, p_event";

    public long Interval_Start { get; init; }
    public long Interval_End { get; init; }
    public double Predicted_Mw { get; init; }
    public double Lower_Mw { get; init; }
    public double Upper_Mw { get; init; }
    public double P_Event { get; init; }

    public ForecastPoint ToPoint() => new(
        DateTimeOffset.FromUnixTimeSeconds(Interval_Start), DateTimeOffset.FromUnixTimeSeconds(Interval_End), Predicted_Mw, Lower_Mw, Upper_Mw, P_Event);
}
