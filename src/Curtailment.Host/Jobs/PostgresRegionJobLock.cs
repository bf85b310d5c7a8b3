using Curtailment.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Curtailment.Host.Jobs;

/// <summary>
/// A PostgreSQL session advisory lock held on a connection of its own for as long as the work runs. A worker that
/// dies loses its connection and with it the lock, at once: no stale lock outlives a killed process.
/// </summary>
public sealed class PostgresRegionJobLock(IOptions<StorageOptions> storage) : IRegionJobLock
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(string resource, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(storage.Value.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@resource, 0))", connection);
            command.Parameters.AddWithValue("resource", "curtailment:" + resource);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection);
            }

            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        // Closing the session releases its advisory locks; the connection is not returned to a pool holding one.
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
