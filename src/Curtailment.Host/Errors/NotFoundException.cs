namespace Curtailment.Host.Errors;

/// <summary>A named thing (model id, job name) does not exist; mapped to 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);
