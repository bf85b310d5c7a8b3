using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>GET /api/v1/regions/{id}/windows</c>.</summary>
public sealed record WindowsQuery
{
    /// <summary>Start of the range.</summary>
    [Description("Start of the range: an ISO-8601 instant with an offset. Default: now.")]
    [ApiParameter("string", "2025-06-15T17:00:00Z", Format = "date-time")]
    public string? From { get; init; }

    /// <summary>End of the range (exclusive).</summary>
    [Description("End of the range (exclusive): an ISO-8601 instant with an offset, later than 'from', at most 14 days after it. Default: 'from' + 48 hours.")]
    [ApiParameter("string", "2025-06-17T17:00:00Z", Format = "date-time")]
    public string? To { get; init; }

    /// <summary>Threshold on the predicted MW.</summary>
    [Description("Threshold on the predicted MW (0 to 1000000); default the region's event threshold. Not allowed for a proxy region (SA1).")]
    [ApiParameter("number", "500")]
    public string? MinMw { get; init; }

    /// <summary>Minimum event probability.</summary>
    [Description("Minimum event probability of each interval (0 to 1); default 0, or 0.5 for a proxy region.")]
    [ApiParameter("number", "0.5")]
    public string? MinProbability { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(("from", From), ("to", To), ("minMw", MinMw), ("minProbability", MinProbability));
}
