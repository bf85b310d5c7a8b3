using Curtailment.Storage.Postgres;
using Curtailment.Storage.Sql;
using Curtailment.Storage.Sqlite;

namespace Curtailment.Storage.Tests;

public sealed class SchemaMigratorTests
{
    public static TheoryData<string> Dialects => ["Sqlite", "Postgres"];

    private static SchemaMigrator Migrator(string dialect) => dialect == "Sqlite" ? SqliteStore.Migrator : PostgresStore.Migrator;

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Scripts_EachDialect_SharedAndOwnPartsInVersionOrderWithEveryPlaceholderSpelled(string dialect)
    {
        var scripts = Migrator(dialect).Scripts;

        Assert.Equal([1, 2], scripts.Select(s => s.Version));
        Assert.Equal(["0001_initial", "0002_models_and_forecasts"], scripts.Select(s => s.Name));
        Assert.All(scripts, s => Assert.DoesNotMatch(@"\{[a-z0-9_]+\}", s.Sql));
        // Shared tables and each dialect's own tables are both in the first version.
        Assert.Contains("CREATE TABLE series_key", scripts[0].Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE observation", scripts[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_Sqlite_SpellsTheTypesAsTheReleasedScriptsDid()
    {
        var sql = SqliteStore.Migrator.Scripts[1].Sql;

        Assert.Contains("    id              INTEGER PRIMARY KEY,\n", sql, StringComparison.Ordinal);
        Assert.Contains("    predicted_mw    REAL NOT NULL,\n", sql, StringComparison.Ordinal);
        Assert.Contains("    artifact        BLOB NOT NULL,\n", sql, StringComparison.Ordinal);
        Assert.Contains("    PRIMARY KEY (forecast_id, interval_start)\n) WITHOUT ROWID;", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ux_model_one_active", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_Postgres_SpellsTheTypesAsTheReleasedScriptsDid()
    {
        var sql = PostgresStore.Migrator.Scripts[1].Sql;

        Assert.Contains("    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n", sql, StringComparison.Ordinal);
        Assert.Contains("    predicted_mw    double precision NOT NULL,\n", sql, StringComparison.Ordinal);
        Assert.Contains("    artifact        bytea NOT NULL,\n", sql, StringComparison.Ordinal);
        Assert.Contains("    PRIMARY KEY (forecast_id, interval_start)\n);", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX ux_model_one_active ON model (region) WHERE status = 'Active';", sql, StringComparison.Ordinal);
    }
}
