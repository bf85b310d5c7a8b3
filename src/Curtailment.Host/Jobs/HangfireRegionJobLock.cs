using Hangfire;
using Hangfire.Storage;

namespace Curtailment.Host.Jobs;

/// <summary>The job storage's distributed lock: the embedded default, where every worker is in one process.</summary>
public sealed class HangfireRegionJobLock(JobStorage storage) : IRegionJobLock
{
    /// <inheritdoc />
    public Task<IAsyncDisposable?> TryAcquireAsync(string resource, CancellationToken cancellationToken)
    {
        var connection = storage.GetConnection();
        try
        {
            var handle = connection.AcquireDistributedLock("curtailment:" + resource, TimeSpan.Zero);
            return Task.FromResult<IAsyncDisposable?>(new Held(handle, connection));
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }

    private sealed class Held(IDisposable handle, IStorageConnection connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            handle.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
