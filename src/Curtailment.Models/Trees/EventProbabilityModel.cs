namespace Curtailment.Models.Trees;

/// <summary>
/// Event probability as a logistic function of the final point forecast (log MW relative to the threshold) and, where
/// the region has transmission boundaries, of the flow across its main boundary at the end of the last known day,
/// fitted on held-out recent days with recent days weighted more: the point forecast already orders the intervals
/// (across days too, with the day-level model), the boundary flow orders days where a few weeks of history leave the
/// point forecast flat, and the fit says how often such forecasts came true lately. Recent event frequencies and the
/// residual-based probability are left out: as inputs they blur that order (ADR 0010).
/// </summary>
public sealed record EventProbabilityModel(double[] Weights)
{
    /// <summary>The smallest slope on the forecast score: enough to order intervals, too little to move a probability.</summary>
    public const double MinimumSlope = 1e-3;

    /// <summary>Number of inputs (without the intercept).</summary>
    public const int Inputs = 2;

    /// <summary>
    /// The least weight of each input. A larger forecast, or more flow pressing on the boundary, never makes an event
    /// less likely: a held-out stretch where it did (a few weeks of thin history) would invert the ranking for every
    /// day after. An input below its least weight is held there and the others are fitted again.
    /// </summary>
    private static readonly double[] MinimumWeights = [MinimumSlope, 0];

    /// <summary>The scores the logistic model reads, in a fixed order.</summary>
    /// <param name="predicted">The final point forecast, MW.</param>
    /// <param name="threshold">The event threshold, MW.</param>
    /// <param name="mainBoundaryFlowMw">The main boundary's recent flow (<c>transmission_main_flow_recent_mw</c>); 0 without boundaries.</param>
    public static double[] Scores(double predicted, double threshold, double mainBoundaryFlowMw = 0)
    {
        var scale = double.LogP1(Math.Max(1, threshold));
        // In GW, so the ridge penalty weighs it like the forecast score (a few units).
        return [(double.LogP1(Math.Max(0, predicted)) - scale) / scale * 4, mainBoundaryFlowMw / 1000];
    }

    /// <summary>
    /// Ridge-penalised logistic regression (<see cref="RidgeLogistic"/>), each weight held at or above its least value; with a
    /// single outcome class it returns null (the caller keeps the residual probabilities).
    /// </summary>
    public static EventProbabilityModel? Fit(IReadOnlyList<double[]> scores, IReadOnlyList<bool> outcomes, IReadOnlyList<double>? weights = null) =>
        RidgeLogistic.Fit(scores, outcomes, weights, MinimumWeights) is { } w ? new EventProbabilityModel(w) : null;

    /// <summary>The probability of an event given the scores of <see cref="Scores"/>.</summary>
    public double Apply(double[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Math.Clamp(RidgeLogistic.Sigmoid(RidgeLogistic.Dot(Weights, Row(scores))), 1e-4, 1 - 1e-4);
    }

    private static double[] Row(double[] scores) => [1, .. scores];
}
