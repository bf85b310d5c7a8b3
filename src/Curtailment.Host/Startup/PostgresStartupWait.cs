using System.Net.Sockets;
using Npgsql;

namespace Curtailment.Host.Startup;

/// <summary>
/// A worker started while PostgreSQL is down (a restart of the database, or machines booting in any order) waits for
/// it, retrying with exponential backoff and saying so in the log, instead of failing at once. A server that answers
/// and refuses (a wrong password) is not waited for. The API role does not wait: its start-up validation refuses to
/// start with a message naming <c>Curtailment:Storage:ConnectionString</c>. No message carries the password.
/// </summary>
internal static class PostgresStartupWait
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Server answers that mean "not now" rather than "no": starting up or shutting down, too many connections.</summary>
    private static readonly string[] Transient = [PostgresErrorCodes.CannotConnectNow, PostgresErrorCodes.TooManyConnections];

    /// <summary>Returns once a connection opens, or when <paramref name="maxWait"/> has passed (validation then reports the failure).</summary>
    public static void WaitForServer(string connectionString, TimeSpan maxWait, ILogger logger)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        }
        catch (ArgumentException)
        {
            return; // Not a connection string: the start-up validation names the setting.
        }

        var server = $"{builder.Host}:{builder.Port}/{builder.Database}";
        var deadline = DateTime.UtcNow + maxWait;
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Open();
                if (attempt > 1)
                {
                    logger.LogInformation("PostgreSQL at {Server} is reachable after {Attempts} attempts", server, attempt);
                }

                return;
            }
            catch (PostgresException e) when (!Transient.Contains(e.SqlState))
            {
                // The server answered and refused (wrong password, no such database): waiting will not help, and the
                // start-up validation reports it naming the setting.
                logger.LogError("PostgreSQL at {Server} refused the connection: {Error}", server, e.Message);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                if (DateTime.UtcNow + delay > deadline)
                {
                    logger.LogError("PostgreSQL at {Server} still unreachable after {Attempts} attempts: {Error}; giving up (Curtailment:Host:StorageWaitSeconds)",
                        server, attempt, e.Message);
                    return;
                }

                logger.LogWarning("PostgreSQL at {Server} unreachable (attempt {Attempt}): {Error}; retrying in {Delay}s",
                    server, attempt, e.Message, delay.TotalSeconds);
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}
