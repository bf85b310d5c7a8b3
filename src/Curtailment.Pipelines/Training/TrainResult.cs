using Curtailment.Core.ModelRegistry;

namespace Curtailment.Pipelines.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="Candidate">The registered candidate (now active when <paramref name="Activated"/>).</param>
/// <param name="Activated">Whether the promotion gate let it serve.</param>
/// <param name="Reason">Why it was or was not activated, with the numbers.</param>
/// <param name="CandidateMaeMw">Out-of-sample MAE of the candidate's method on the evaluation days.</param>
/// <param name="ActiveMaeMw">MAE of the model that was active, on the same days (null when none was).</param>
/// <param name="BaselineMaeMw">MAE of the week-profile baseline on the same days.</param>
public sealed record TrainResult(ModelRecord Candidate, bool Activated, string Reason, double CandidateMaeMw, double? ActiveMaeMw, double BaselineMaeMw);
