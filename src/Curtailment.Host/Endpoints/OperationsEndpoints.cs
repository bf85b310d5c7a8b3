using Curtailment.Core.Ingest;
using Curtailment.Host.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Curtailment.Host.Endpoints;

/// <summary>Health probes (the Prometheus metrics are mapped by <c>MetricsRegistration</c>).</summary>
public static class OperationsEndpoints
{
    /// <summary>Tag of the checks that make up readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithName("Live");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadyAsync,
        }).WithName("Ready");
        return app;
    }

    /// <summary>
    /// The report as JSON: one entry per check, and one per operator feed (<c>feed:NAME</c>, from the feed check's
    /// data) so that a failing feed is named beside the others, which stay listed.
    /// </summary>
    private static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(e => e.Key, e => new ReadyEntry(e.Value.Status.ToString(), e.Value.Description));
        foreach (var feed in report.Entries.Values.SelectMany(e => e.Data.Values).OfType<FeedStatus>())
        {
            var (status, description) = FeedHealthCheck.Describe(feed);
            checks[FeedHealthCheck.EntryPrefix + feed.Feed] = new ReadyEntry(status.ToString(), description);
        }

        return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks });
    }

    private sealed record ReadyEntry(string Status, string? Description);
}
