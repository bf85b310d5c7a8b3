namespace Curtailment.Models.Evaluation;

/// <summary>The protocol's metrics for one forecaster over a backtest (NaN where undefined).</summary>
public sealed record ForecastMetrics
{
    /// <summary>Intervals scored.</summary>
    public int Intervals { get; init; }

    /// <summary>Days scored.</summary>
    public int Days { get; init; }

    /// <summary>Share of intervals that were events.</summary>
    public double EventRate { get; init; }

    /// <summary>Mean absolute error, MW.</summary>
    public double MaeMw { get; init; }

    /// <summary>Root mean squared error, MW.</summary>
    public double RmseMw { get; init; }

    /// <summary>ROC-AUC of the event probability.</summary>
    public double RocAuc { get; init; }

    /// <summary>Average precision of the event probability.</summary>
    public double PrAuc { get; init; }

    /// <summary>Brier score of the event probability.</summary>
    public double Brier { get; init; }

    /// <summary>1 - Brier / Brier of the climatological probability.</summary>
    public double BrierSkill { get; init; }

    /// <summary>Share of actuals inside [lower, upper].</summary>
    public double IntervalCoverage { get; init; }

    /// <summary>Mean width of [lower, upper], MW.</summary>
    public double IntervalMeanWidthMw { get; init; }

    /// <summary>Mean share of the best 3-hour window's energy captured by the forecast's best window.</summary>
    public double SchedulerCapture { get; init; }

    /// <summary>Days whose best actual window held at least 100 MWh (the capture's denominator).</summary>
    public int CaptureDays { get; init; }

    /// <summary>1 - MAE / MAE of the best baseline; set by the backtest once baselines are scored.</summary>
    public double MaeSkill { get; init; } = double.NaN;
}
