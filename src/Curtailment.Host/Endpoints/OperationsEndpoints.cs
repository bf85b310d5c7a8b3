using Microsoft.AspNetCore.Diagnostics.HealthChecks;

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

    private static Task WriteReadyAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
