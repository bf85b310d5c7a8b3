using System.ComponentModel;

namespace Curtailment.Contracts.Requests;

/// <summary>Query of <c>POST /api/v1/models/rollback</c>.</summary>
public sealed record RollbackQuery
{
    /// <summary>The region to roll back.</summary>
    [Description("The region to roll back to its most recently retired version.")]
    [ApiParameter("string", "CAISO", Required = true)]
    public string? Region { get; init; }

    /// <summary>The query string.</summary>
    public string ToQueryString() => QueryString.Build(("region", Region));
}
