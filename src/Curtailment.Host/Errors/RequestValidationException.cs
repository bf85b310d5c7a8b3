namespace Curtailment.Host.Errors;

/// <summary>Bad request parameters, by field; mapped to 400 problem+json with the field errors.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("One or more request parameters are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    /// <summary>Messages per parameter name.</summary>
    public IDictionary<string, string[]> Errors { get; } = errors;
}
