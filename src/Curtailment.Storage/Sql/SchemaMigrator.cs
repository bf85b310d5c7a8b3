using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace Curtailment.Storage.Sql;

/// <summary>
/// Applies the embedded, numbered migration scripts (<c>Migrations/NNNN_name.sql</c>) of one provider that a
/// database has not seen yet, each in its own transaction, and records them in <c>schema_version</c>. Where several
/// processes may start at once, <see cref="Lock"/> makes them take turns; each reads <c>schema_version</c> once it
/// holds the lock, so every script runs exactly once.
/// </summary>
/// <param name="resourcePrefix">The scripts' embedded-resource prefix (<c>Curtailment.Storage.Sqlite.Migrations.</c>).</param>
/// <param name="createVersionTable">Creates <c>schema_version</c> if it is missing.</param>
/// <param name="recordVersion">Inserts <c>@version</c> and <c>@name</c> into <c>schema_version</c>.</param>
internal sealed class SchemaMigrator(string resourcePrefix, string createVersionTable, string recordVersion)
{
    /// <summary>Statements that take and release a session-wide lock around the migration; none by default.</summary>
    public (string Take, string Release)? Lock { get; init; }

    /// <summary>The provider's scripts, by version.</summary>
    public IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts(resourcePrefix);

    /// <summary>Migrates; returns the versions this call applied.</summary>
    public IReadOnlyList<int> Migrate(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Lock is { } take)
        {
            connection.Execute(take.Take);
        }

        try
        {
            connection.Execute(createVersionTable);
            var applied = connection.Query<int>("SELECT version FROM schema_version").ToHashSet();
            var done = new List<int>();
            foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                using var transaction = connection.BeginTransaction();
                connection.Execute(sql, transaction: transaction);
                connection.Execute(recordVersion, new { version, name }, transaction);
                transaction.Commit();
                done.Add(version);
            }

            return done;
        }
        finally
        {
            if (Lock is { } release)
            {
                connection.Execute(release.Release);
            }
        }
    }

    private static List<(int, string, string)> LoadScripts(string resourcePrefix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[resourcePrefix.Length..^".sql".Length];
            var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            scripts.Add((version, name, text.ReadToEnd()));
        }

        return scripts.OrderBy(s => s.Item1).ToList();
    }
}
