using System.ComponentModel.DataAnnotations;
using Curtailment.Host.Jobs;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Options;

/// <summary>The process role of a scale-out deployment and the queues its Hangfire server takes.</summary>
public sealed class HostRoleOptions : IValidatableObject
{
    /// <summary>Configuration section (environment: <c>Curtailment__Host__Role</c>; command line: <c>--role</c>).</summary>
    public const string SectionName = "Curtailment:Host";

    /// <summary><c>all</c> (default), <c>api</c> or <c>worker</c>.</summary>
    public HostRole Role { get; set; } = HostRole.All;

    /// <summary>
    /// Queues the Hangfire server of this process takes, in priority order; empty (the default): every queue. Empty by
    /// default because the configuration binder appends to an array it finds filled: a default of all four would turn
    /// <c>Curtailment__Host__Queues__0=train</c> into all four plus <c>train</c>.
    /// </summary>
    public string[] Queues { get; set; } = [];

    /// <summary>Name of the Hangfire server (Hangfire appends a unique suffix); null: <c>curtailment-{machine}-{role}</c>.</summary>
    public string? ServerName { get; set; }

    /// <summary>How long a worker waits for PostgreSQL at start-up (retrying with backoff) before it gives up.</summary>
    [Range(0, 86_400, ErrorMessage = "Curtailment:Host:StorageWaitSeconds must be between 0 and 86400.")]
    public int StorageWaitSeconds { get; set; } = 300;

    /// <summary>Whether this process serves the public and admin API.</summary>
    public bool ServesApi => Role != HostRole.Worker;

    /// <summary>Whether this process runs a Hangfire server.</summary>
    public bool RunsJobs => Role != HostRole.Api;

    /// <summary>The queues the Hangfire server takes: <see cref="Queues"/>, or every queue when none is configured.</summary>
    public IReadOnlyList<string> EffectiveQueues => Queues.Length == 0 ? JobQueues.All : Queues;

    /// <summary>
    /// Binds and validates the section at once, before anything else starts (a worker would otherwise wait for
    /// PostgreSQL before reporting a misspelt queue). A role that is not one of the three is reported naming
    /// <c>--role</c> and the setting, instead of the binder's conversion error.
    /// </summary>
    /// <exception cref="OptionsValidationException">The role or another setting of the section is invalid.</exception>
    public static HostRoleOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var role = section[nameof(Role)];
        if (role is not null && !Enum.GetNames<HostRole>().Contains(role.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(SectionName, typeof(HostRoleOptions),
                [$"--role ({SectionName}:{nameof(Role)}) '{role}' is not a role: all, api or worker."]);
        }

        var options = section.Get<HostRoleOptions>() ?? new HostRoleOptions();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(SectionName, typeof(HostRoleOptions), [.. results.Select(r => r.ErrorMessage ?? $"{SectionName} is invalid.")]);
        }

        return options;
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Queues.Length; i++)
        {
            if (!JobQueues.All.Contains(Queues[i], StringComparer.Ordinal))
            {
                yield return new ValidationResult(
                    $"Curtailment:Host:Queues:{i} '{Queues[i]}' is not a queue ({string.Join(", ", JobQueues.All)}).", [nameof(Queues)]);
            }
            else if (Array.IndexOf(Queues, Queues[i]) < i)
            {
                yield return new ValidationResult($"Curtailment:Host:Queues:{i} '{Queues[i]}' is listed twice.", [nameof(Queues)]);
            }
        }
    }
}
