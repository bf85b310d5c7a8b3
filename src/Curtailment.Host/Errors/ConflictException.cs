namespace Curtailment.Host.Errors;

/// <summary>The request cannot be done in the current state (nothing to roll back to); mapped to 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
