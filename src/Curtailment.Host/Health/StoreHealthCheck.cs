using Curtailment.Core.ModelRegistry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Curtailment.Host.Health;

/// <summary>Ready when the store answers a query (the model registry's, which every forecast request makes too).</summary>
public sealed class StoreHealthCheck(IModelStore models) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = (await models.ListModelsAsync(null, cancellationToken)).Count;
            return HealthCheckResult.Healthy($"store reachable, {count} model version(s)");
        }
#pragma warning disable CA1031 // Any failure to reach the store is the answer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("store unreachable", e);
        }
    }
}
