using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>GET /api/v1/regions/{id}/forecast</c>.</summary>
public sealed record ForecastQuery
{
    /// <summary>Start of the range.</summary>
    [Description("Start of the range: an ISO-8601 instant with an offset (encode '+' as %2B). Default: now.")]
    [ApiParameter("string", "2025-06-15T17:00:00Z", Format = "date-time")]
    public string? From { get; init; }

    /// <summary>End of the range (exclusive).</summary>
    [Description("End of the range (exclusive): an ISO-8601 instant with an offset, later than 'from', at most 14 days after it. Default: 'from' + 24 hours.")]
    [ApiParameter("string", "2025-06-16T17:00:00Z", Format = "date-time")]
    public string? To { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(("from", From), ("to", To));
}
