using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Curtailment.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test-class instance (xunit makes one per test), created on the server
/// <c>CURTAILMENT_TEST_POSTGRES</c> names and dropped on dispose, so no test sees another's rows. Without that
/// variable there is no database, and <see cref="Require"/> skips the test (or fails it where
/// <c>CURTAILMENT_REQUIRE_POSTGRES=1</c>, CI: see <c>.ci/run</c>). Linked into the test projects that use PostgreSQL
/// (they reference Npgsql through the store), not into every test project as the other shared files are.
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    private readonly string? _adminConnectionString;

    /// <summary>Creates the database where a server is configured.</summary>
    /// <param name="prefix">The start of the database's name, which tells whose leftover a database is.</param>
    public PostgresTestDatabase(string prefix = "curtailment_test")
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(Requires.PostgresServerVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            _adminConnectionString = null;
            return;
        }

        Name = $"{prefix}_{Guid.NewGuid():N}";
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

    /// <summary>Rows of a query, every column as text (null as empty).</summary>
    public async Task<List<string[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Per series: row count, exact sum of values (numeric, so independent of the scan order) and an MD5 of every
    /// row in key order; any lost, duplicated or changed row changes it.
    /// </summary>
    public async Task<string> ObservationChecksumAsync()
    {
        var rows = await RowsAsync(
            "SELECT series_key, COUNT(*), SUM(value::numeric), " +
            "md5(string_agg(interval_start || ':' || value::text || ':' || published_at || ':' || duration_s, ',' ORDER BY interval_start)) " +
            "FROM observation GROUP BY series_key ORDER BY series_key");
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(' ', row));
        }

        return text.ToString();
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
