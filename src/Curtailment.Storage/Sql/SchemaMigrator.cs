using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Curtailment.Storage.Sql;

/// <summary>
/// Applies the numbered migration scripts (<c>Migrations/NNNN_name.sql</c>, embedded) that a database has not seen
/// yet, each in its own transaction, and records them in <c>schema_version</c>. A version's script is the shared part
/// (<c>Sql/Migrations</c>, column types written as placeholders such as <c>{int64}</c> that the dialect spells) followed
/// by the provider's own part of the same name, where it has one. Where several processes may start at once,
/// <see cref="Lock"/> makes them take turns; each reads <c>schema_version</c> once it holds the lock, so every script
/// runs exactly once.
/// </summary>
internal sealed partial class SchemaMigrator
{
    private const string SharedPrefix = "Curtailment.Storage.Sql.Migrations.";

    private readonly string _createVersionTable;
    private readonly string _recordVersion;

    /// <param name="providerPrefix">The provider's scripts' resource prefix (<c>Curtailment.Storage.Sqlite.Migrations.</c>).</param>
    /// <param name="types">The dialect's spelling of the shared scripts' placeholders.</param>
    /// <param name="createVersionTable">Creates <c>schema_version</c> if it is missing.</param>
    /// <param name="recordVersion">Inserts <c>@version</c> and <c>@name</c> into <c>schema_version</c>.</param>
    public SchemaMigrator(string providerPrefix, SchemaTypes types, string createVersionTable, string recordVersion)
    {
        _createVersionTable = createVersionTable;
        _recordVersion = recordVersion;
        var shared = Load(SharedPrefix).ToDictionary(s => s.Name, s => Spell(s.Name, s.Sql, types));
        var own = Load(providerPrefix).ToDictionary(s => s.Name, s => s.Sql);
        Scripts = shared.Keys.Union(own.Keys)
            .Select(name => (Version(name), name, string.Join("\n", new[] { shared.GetValueOrDefault(name), own.GetValueOrDefault(name) }.OfType<string>())))
            .OrderBy(s => s.Item1)
            .ToList();
        if (Scripts.Select(s => s.Version).Distinct().Count() != Scripts.Count)
        {
            throw new InvalidOperationException("Two migration scripts share a version number but not a name.");
        }
    }

    /// <summary>Statements that take and release a session-wide lock around the migration; none by default.</summary>
    public (string Take, string Release)? Lock { get; init; }

    /// <summary>The provider's scripts, by version.</summary>
    public IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; }

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
            connection.Execute(_createVersionTable);
            var applied = connection.Query<int>("SELECT version FROM schema_version").ToHashSet();
            var done = new List<int>();
            foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                using var transaction = connection.BeginTransaction();
                connection.Execute(sql, transaction: transaction);
                connection.Execute(_recordVersion, new { version, name }, transaction);
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

    /// <summary>Replaces each <c>{placeholder}</c>; one the dialect does not spell is a mistake in the script.</summary>
    private static string Spell(string name, string sql, SchemaTypes types) =>
        Placeholder().Replace(sql, m => types.Spell(m.Groups[1].Value)
            ?? throw new InvalidOperationException($"Migration {name}: no type for placeholder {m.Value}."));

    private static int Version(string name) => int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

    private static IEnumerable<(string Name, string Sql)> Load(string prefix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            yield return (resource[prefix.Length..^".sql".Length], text.ReadToEnd());
        }
    }

    [GeneratedRegex(@"\{([a-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
