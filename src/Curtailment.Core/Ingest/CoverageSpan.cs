namespace Curtailment.Core.Ingest;

/// <summary>
/// The span a file covers for a sparse series: inside it, an interval the file does not list means
/// zero (CAISO lists only intervals with curtailment). Coverage is published like values are.
/// </summary>
/// <param name="Region">Region id.</param>
/// <param name="Series">Series id.</param>
/// <param name="Start">Start of the span (UTC).</param>
/// <param name="End">End of the span (UTC, exclusive).</param>
/// <param name="PublishedAt">When the file's information about the span became known.</param>
public sealed record CoverageSpan(string Region, string Series, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset PublishedAt);
