using Curtailment.Models.Evaluation;

namespace Curtailment.Pipelines.Backtest;

/// <summary>The outcome of a backtest: rows per forecaster, and their metrics.</summary>
/// <param name="Region">Region id.</param>
/// <param name="TimeZoneId">The region's IANA time zone (plots use local time).</param>
/// <param name="Step">Target resolution.</param>
/// <param name="Rows">Forecast rows of the main model, in time order.</param>
/// <param name="BaselineRows">Rows of each baseline, by name.</param>
/// <param name="Metrics">Metrics by forecaster name (<c>model</c>, <c>persistence_d2</c>, ...).</param>
/// <param name="Notes">What a reader should know (fallbacks, skipped days).</param>
public sealed record BacktestResult(
    string Region,
    string TimeZoneId,
    TimeSpan Step,
    IReadOnlyList<BacktestRow> Rows,
    IReadOnlyDictionary<string, IReadOnlyList<BacktestRow>> BaselineRows,
    IReadOnlyDictionary<string, ForecastMetrics> Metrics,
    IReadOnlyList<string> Notes)
{
    /// <summary>Where the time went (a benchmark aid; not part of the protocol).</summary>
    public BacktestTimings? Timings { get; init; }
}
