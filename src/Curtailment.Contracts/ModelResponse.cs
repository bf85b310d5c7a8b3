namespace Curtailment.Contracts;

/// <summary>A model version in the registry with its manifest's training range and metrics.</summary>
/// <param name="Id">Registry id (used to activate it).</param>
/// <param name="Region">Region id.</param>
/// <param name="Kind">Model family.</param>
/// <param name="Version">Version label.</param>
/// <param name="ModelVersion">The label forecasts carry (<c>fasttree@v3</c>).</param>
/// <param name="Status">candidate, active or retired.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="ActivatedAt">When it last became active.</param>
/// <param name="TrainingFrom">First training day.</param>
/// <param name="TrainingTo">Last training day.</param>
/// <param name="Metrics">Metrics from the manifest (for example <c>mae_recent_mw</c>).</param>
public sealed record ModelResponse(
    long Id, string Region, string Kind, string Version, string ModelVersion, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt,
    DateOnly? TrainingFrom, DateOnly? TrainingTo, IReadOnlyDictionary<string, double> Metrics);
