namespace Curtailment.Pipelines.Research;

/// <summary>A job a scheduler may move in time.</summary>
/// <param name="Name">Name shown in results.</param>
/// <param name="Duration">How long it runs.</param>
/// <param name="EarliestStart">Not before.</param>
/// <param name="Deadline">Must be finished by.</param>
public sealed record FlexibleJob(string Name, TimeSpan Duration, DateTimeOffset EarliestStart, DateTimeOffset Deadline);
