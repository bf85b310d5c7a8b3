namespace Curtailment.Contracts;

/// <summary>One observed interval of the target series.</summary>
/// <param name="IntervalStart">Interval start.</param>
/// <param name="IntervalEnd">Interval end.</param>
/// <param name="Value">Observed value (MW, or the proxy target's unit).</param>
/// <param name="Source">Importer that stored it.</param>
/// <param name="PublishedAt">When it became known.</param>
public sealed record ActualResponse(DateTimeOffset IntervalStart, DateTimeOffset IntervalEnd, double Value, string Source, DateTimeOffset PublishedAt);
