namespace Curtailment.Core.Observations;

/// <summary>Summaries of what the store holds, for people and the API.</summary>
public interface IDataSummaryReader
{
    /// <summary>One summary per (region, series, source), optionally for one region only.</summary>
    Task<IReadOnlyList<SeriesSummary>> SummarizeAsync(string? region, CancellationToken cancellationToken);
}
