using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>GET /api/v1/regions/{id}/actuals</c>.</summary>
public sealed record ActualsQuery
{
    /// <summary>Start of the range.</summary>
    [Description("Start of the range: an ISO-8601 instant with an offset. Default: 48 hours ago.")]
    [ApiParameter("string", "2025-06-13T17:00:00Z", Format = "date-time")]
    public string? From { get; init; }

    /// <summary>End of the range (exclusive).</summary>
    [Description("End of the range (exclusive): an ISO-8601 instant with an offset, later than 'from', at most 14 days after it. Default: 'from' + 48 hours.")]
    [ApiParameter("string", "2025-06-15T17:00:00Z", Format = "date-time")]
    public string? To { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(("from", From), ("to", To));
}
