namespace Curtailment.Host.Errors;

/// <summary>The request is valid but cannot be served yet (no data for the region); mapped to 503 with the reason.</summary>
public sealed class ServiceUnavailableException(string reason) : Exception(reason);
