using System.Diagnostics.CodeAnalysis;
using Curtailment.Testing;
using Npgsql;

namespace Curtailment.Storage.Tests;

/// <summary>
/// A fresh, empty PostgreSQL database for one test-class instance (xunit makes one per test), created on the server
/// <c>CURTAILMENT_TEST_POSTGRES</c> names and dropped on dispose, so no test sees another's rows. Without that
/// variable there is no database, and <see cref="Require"/> skips the test (or fails it where
/// <c>CURTAILMENT_REQUIRE_POSTGRES=1</c>, CI: see <c>.ci/run</c>).
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    private readonly string? _adminConnectionString;

    public PostgresTestDatabase()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(Requires.PostgresServerVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            _adminConnectionString = null;
            return;
        }

        Name = $"curtailment_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            create.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name }.ConnectionString;
    }

    /// <summary>Goes on where a server is configured; else skips the test, or fails it where CI requires the server.</summary>
    [MemberNotNull(nameof(ConnectionString))]
    public void Require()
    {
        if (ConnectionString is null)
        {
            Requires.Absent(Requires.PostgresVariable, Requires.PostgresMissing);
        }
    }

    /// <summary>The database's name.</summary>
    public string Name { get; } = "";

    /// <summary>Connection string of the fresh database; null when no server is configured.</summary>
    public string? ConnectionString { get; }

    /// <summary>The server's connection string with another password (for the redaction tests).</summary>
    public string WithPassword(string password) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Password = password, Pooling = false }.ConnectionString;

    /// <summary>Runs a scalar query in the fresh database.</summary>
    public T Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        if (_adminConnectionString is null || ConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_adminConnectionString);
        admin.Open();
        // FORCE ends any connection a store's own pool still holds.
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
