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

        Assert.Equal([1, 2, 3, 4], scripts.Select(s => s.Version));
        Assert.Equal(["0001_initial", "0002_models_and_forecasts", "0003_forecast_explanations", "0004_feed_status"], scripts.Select(s => s.Name));
        Assert.All(scripts, s => Assert.DoesNotMatch(@"\{[a-z0-9_]+\}", s.Sql));
        // Shared tables and each dialect's own tables are both in the first version.
        Assert.Contains("CREATE TABLE series_key", scripts[0].Sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE observation", scripts[0].Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite", "INTEGER PRIMARY KEY", "REAL", "BLOB", ") WITHOUT ROWID;", false)]
    [InlineData("Postgres", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "double precision", "bytea", ");", true)]
    public void Scripts_EachDialect_SpellTheTypesAsTheReleasedScriptsDid(string dialect, string id, string float64, string bytes, string keyedTableEnd, bool oneActiveIndex)
    {
        var sql = Migrator(dialect).Scripts[1].Sql.ReplaceLineEndings("\n");

        Assert.Contains($"    id              {id},\n", sql, StringComparison.Ordinal);
        Assert.Contains($"    predicted_mw    {float64} NOT NULL,\n", sql, StringComparison.Ordinal);
        Assert.Contains($"    artifact        {bytes} NOT NULL,\n", sql, StringComparison.Ordinal);
        Assert.Contains($"    PRIMARY KEY (forecast_id, interval_start)\n{keyedTableEnd}", sql, StringComparison.Ordinal);
        Assert.Equal(oneActiveIndex, sql.Contains("CREATE UNIQUE INDEX ux_model_one_active ON model (region) WHERE status = 'Active';", StringComparison.Ordinal));
    }
}
