namespace Curtailment.Models.Trees;

/// <summary>How a model turns its output into an event probability.</summary>
public enum ProbabilitySource
{
    /// <summary>A separate FastTree classifier of the event, recalibrated on held-out days.</summary>
    Classifier,

    /// <summary>
    /// The point forecast's own predictive distribution: the share of held-out residuals (in its band of
    /// predicted MW) that would lift it to the threshold. Consistent with the MW forecast by construction.
    /// </summary>
    Residuals,

    /// <summary>
    /// A logistic model of the final point forecast, fitted on held-out recent days (<see cref="EventProbabilityModel"/>).
    /// </summary>
    Logistic,
}
