using System.ComponentModel.DataAnnotations;
using Curtailment.Host.Jobs;

namespace Curtailment.Host.Options;

/// <summary>The process role of a scale-out deployment and the queues its Hangfire server takes.</summary>
public sealed class HostRoleOptions : IValidatableObject
{
    /// <summary>Configuration section (environment: <c>Curtailment__Host__Role</c>; command line: <c>--role</c>).</summary>
    public const string SectionName = "Curtailment:Host";

    /// <summary><c>all</c> (default), <c>api</c> or <c>worker</c>.</summary>
    public HostRole Role { get; set; } = HostRole.All;

    /// <summary>Queues the Hangfire server of this process takes, in priority order (an array so that configuration replaces it).</summary>
    public string[] Queues { get; set; } = [.. JobQueues.All];

    /// <summary>Name of the Hangfire server (Hangfire appends a unique suffix); null: <c>curtailment-{machine}-{role}</c>.</summary>
    public string? ServerName { get; set; }

    /// <summary>How long a worker waits for PostgreSQL at start-up (retrying with backoff) before it gives up.</summary>
    [Range(0, 86_400, ErrorMessage = "Curtailment:Host:StorageWaitSeconds must be between 0 and 86400.")]
    public int StorageWaitSeconds { get; set; } = 300;

    /// <summary>Whether this process serves the public and admin API.</summary>
    public bool ServesApi => Role != HostRole.Worker;

    /// <summary>Whether this process runs a Hangfire server.</summary>
    public bool RunsJobs => Role != HostRole.Api;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Queues.Length == 0)
        {
            yield return new ValidationResult("Curtailment:Host:Queues must name at least one queue.", [nameof(Queues)]);
        }

        for (var i = 0; i < Queues.Length; i++)
        {
            if (!JobQueues.All.Contains(Queues[i], StringComparer.Ordinal))
            {
                yield return new ValidationResult(
                    $"Curtailment:Host:Queues:{i} '{Queues[i]}' is not a queue ({string.Join(", ", JobQueues.All)}).", [nameof(Queues)]);
            }
        }
    }
}
