using System.ComponentModel.DataAnnotations;

namespace Curtailment.Host.Options;

/// <summary>API keys for the admin endpoints and the dashboard, and the public rate limit.</summary>
public sealed class ApiOptions : IValidatableObject
{
    /// <summary>Configuration section (environment: <c>Curtailment__Api__Keys__0</c>).</summary>
    public const string SectionName = "Curtailment:Api";

    /// <summary>Accepted values of the <c>X-Api-Key</c> header. Empty: admin endpoints stay closed (401 for everyone).</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Requests a client (by remote address) may make to the public endpoints per window.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Curtailment:Api:RateLimitPermits must be between 1 and 1000000.")]
    public int RateLimitPermits { get; set; } = 120;

    /// <summary>Length of the rate-limit window, in seconds.</summary>
    [Range(1, 3600, ErrorMessage = "Curtailment:Api:RateLimitWindowSeconds must be between 1 and 3600.")]
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Keys[i]) || Keys[i].Length < 16)
            {
                yield return new ValidationResult($"Curtailment:Api:Keys:{i} must be at least 16 characters.", [nameof(Keys)]);
            }
        }
    }
}
