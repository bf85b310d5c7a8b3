namespace Curtailment.Host.Options;

/// <summary>What one host process does (<c>--role</c> or <c>Curtailment:Host:Role</c>).</summary>
public enum HostRole
{
    /// <summary>API and a Hangfire server in one process: the embedded default.</summary>
    All,

    /// <summary>HTTP API only: enqueues jobs, runs none.</summary>
    Api,

    /// <summary>Hangfire server only (plus health and metrics): runs the jobs of its queues.</summary>
    Worker,
}
