using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Curtailment.Storage.Postgres;

/// <summary>
/// Applies the embedded, numbered migration scripts (<c>Migrations/NNNN_name.sql</c>) a database has not seen
/// yet, each in its own transaction, recorded in <c>schema_version</c>. Several processes may start at once
/// (scale-out): a session advisory lock makes them take turns, and each re-reads <c>schema_version</c> once it
/// holds the lock, so every script runs exactly once.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>Advisory lock key of the migration ("Curtailment schema"); any constant unique to this application.</summary>
    internal const long LockKey = 0x4375_7274_5363_6865;

    private const string ResourcePrefix = "Curtailment.Storage.Postgres.Migrations.";

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Migrates; returns the versions this call applied.</summary>
    public static IReadOnlyList<int> Migrate(NpgsqlConnection connection)
    {
        Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})");
        try
        {
            Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now())
                """);
            var applied = new HashSet<int>();
            using (var read = new NpgsqlCommand("SELECT version FROM schema_version", connection))
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<int>();
            foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, transaction, sql);
                using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@v, @n)", connection, transaction);
                record.Parameters.AddWithValue("v", version);
                record.Parameters.AddWithValue("n", name);
                record.ExecuteNonQuery();
                transaction.Commit();
                done.Add(version);
            }

            return done;
        }
        finally
        {
            Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})");
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            scripts.Add((version, name, text.ReadToEnd()));
        }

        return scripts.OrderBy(s => s.Item1).ToList();
    }
}
