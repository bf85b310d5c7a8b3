using Curtailment.Host.Startup;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Curtailment.Host.Health;

/// <summary>Ready once the start-up task (demo data, models, first forecasts) has finished without error.</summary>
public sealed class StartupHealthCheck(StartupState state) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!state.Completed
            ? HealthCheckResult.Unhealthy($"start-up in progress: {state.Status}")
            : state.Failed ? HealthCheckResult.Unhealthy(state.Status) : HealthCheckResult.Healthy(state.Status));
}
