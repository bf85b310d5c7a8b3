using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Curtailment.Testing;
using Npgsql;

namespace Curtailment.Host.Tests.ScaleOut;

/// <summary>
/// A fresh PostgreSQL database on the server <c>CURTAILMENT_TEST_POSTGRES</c> names, dropped on dispose. Without that
/// variable there is no database, and <see cref="Require"/> skips the test (or fails it where
/// <c>CURTAILMENT_REQUIRE_POSTGRES=1</c>, CI).
/// </summary>
internal sealed class ScaleOutDatabase : IDisposable
{
    private readonly string? _adminConnectionString;

    public ScaleOutDatabase()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(Requires.PostgresServerVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            _adminConnectionString = null;
            return;
        }

        var name = $"curtailment_scaleout_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }

        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; } = "";

    /// <summary>Null when no server is configured.</summary>
    public string? ConnectionString { get; }

    /// <summary>Goes on where a server is configured; else skips the test, or fails it where CI requires the server.</summary>
    [MemberNotNull(nameof(ConnectionString))]
    public void Require()
    {
        if (ConnectionString is null)
        {
            Requires.Absent(Requires.PostgresVariable, Requires.PostgresMissing);
        }
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
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
