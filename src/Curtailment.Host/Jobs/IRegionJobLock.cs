namespace Curtailment.Host.Jobs;

/// <summary>
/// A lock on one region's work shared by every process of a deployment: the second guard behind idempotent writes,
/// so that two workers never train the same region at once (Hangfire's <c>DisableConcurrentExecution</c> locks per
/// job method, which would serialize every region).
/// </summary>
public interface IRegionJobLock
{
    /// <summary>Takes the lock named <paramref name="resource"/> without waiting; null when another holder has it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string resource, CancellationToken cancellationToken);
}
