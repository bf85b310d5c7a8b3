using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sql;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

/// <summary>The store contract on a real SQLite file in a temporary folder.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteStoreTests : ObservationStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-store-").FullName;

    protected override (IIngestStore Ingest, IObservationReader Reader, IDataSummaryReader Summary) CreateStore()
    {
        var store = new SqliteStore($"Data Source={Path.Combine(_folder, "store.db")}", TimeProvider.System);
        return (store, store, store);
    }

    [Fact]
    public void Constructor_ExistingFile_MigratesOnceAndKeepsData()
    {
        var path = Path.Combine(_folder, "again.db");
        _ = new SqliteStore($"Data Source={path}", TimeProvider.System);
        _ = new SqliteStore($"Data Source={path}", TimeProvider.System);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(MigrationScriptCount, reader.GetInt32(0));
        Assert.Equal(MigrationScriptCount, reader.GetInt32(1));
    }

    [Fact]
    public void Constructor_NestedFolder_CreatesIt()
    {
        var path = Path.Combine(_folder, "nested", "deeper", "store.db");

        var store = new SqliteStore($"Data Source={path}", TimeProvider.System);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.DataSource);
    }

    [Fact]
    public async Task SaveAsync_PlainInsertPathAndUpsertPath_StoreIdenticalRows()
    {
        var plain = new SqliteStore($"Data Source={Path.Combine(_folder, "plain.db")}", TimeProvider.System);
        var upsertOnly = new SqliteStore($"Data Source={Path.Combine(_folder, "upsert.db")}", TimeProvider.System) { PlainInsertIntoEmptySpans = false };
        var later = Day.AddHours(6);
        var batches = new[]
        {
            // Interleaved series, unsorted, notes that come and go, a repeated key with a revised value.
            Batch("a.csv",
                Obs(SeriesIds.Demand, 3, 30) with { Note = "stale:demand" }, Obs(SeriesIds.Solar, 0, 5), Obs(SeriesIds.Demand, 0, 10),
                Obs(SeriesIds.Demand, 1, 11), Obs(SeriesIds.Solar, 1, 6) with { Note = "blank:wind" }, Obs(SeriesIds.Demand, 3, 31, later)),
            // Overlaps demand (same, revised and new values), starts wind, and adds solar after its stored span.
            Batch("b.csv",
                Obs(SeriesIds.Demand, 0, 10, later), Obs(SeriesIds.Demand, 1, 12, later), Obs(SeriesIds.Demand, 2, 20, later),
                Obs(SeriesIds.Wind, 0, 1), Obs(SeriesIds.Solar, 7, 8),
                new Observation("CAISO", SeriesIds.Solar, Day + (FiveMinutes * 8), TimeSpan.FromHours(1), 9, "test", later)),
        };

        for (var i = 0; i < batches.Length; i++)
        {
            await plain.SaveAsync(batches[i], $"h{i}", Day, default);
            await upsertOnly.SaveAsync(batches[i], $"h{i}", Day, default);
        }

        var expected = DumpObservations(Path.Combine(_folder, "upsert.db"));
        Assert.Equal(9, expected.Count);
        Assert.Equal(expected, DumpObservations(Path.Combine(_folder, "plain.db")));
    }

    [Fact]
    public async Task SaveAsync_RepeatedKeyWithinBatch_LaterValueAndLaterPublicationWin()
    {
        var (ingest, reader, _) = CreateStore();
        var later = Day.AddHours(3);

        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 5, 1), Obs(SeriesIds.Demand, 2, 7), Obs(SeriesIds.Demand, 5, 3, later)), "h1", Day, default);

        var read = await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Demand, Day, Day.AddDays(1), DateTimeOffset.MaxValue), default);
        Assert.Equal([7.0, 3.0], read.Select(o => o.Value));
        Assert.Equal(later, read[1].PublishedAt);
    }

    [Fact]
    public async Task SaveAsync_NotesAndDurationsChangingBetweenRows_StoresEachRowsOwn()
    {
        var (ingest, reader, _) = CreateStore();
        var stale = "stale:solar";
        var batch = Batch("a.csv",
            Obs(SeriesIds.Solar, 0, 1) with { Note = stale }, Obs(SeriesIds.Solar, 1, 2), Obs(SeriesIds.Solar, 2, 3) with { Note = stale },
            Obs(SeriesIds.Solar, 3, 4) with { Note = "blank:solar" }, Obs(SeriesIds.Solar, 4, 5),
            new Observation("CAISO", SeriesIds.Solar, Day + (FiveMinutes * 5), TimeSpan.FromMinutes(15), 6, "test", Day.AddHours(1)),
            Obs(SeriesIds.Solar, 8, 7) with { Note = string.Empty });

        await ingest.SaveAsync(batch, "h1", Day, default);

        var read = await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Solar, Day, Day.AddDays(1), DateTimeOffset.MaxValue), default);
        Assert.Equal([stale, null, stale, "blank:solar", null, null, string.Empty], read.Select(o => o.Note));
        Assert.Equal([5, 5, 5, 5, 5, 15, 5], read.Select(o => (int)o.Duration.TotalMinutes));
    }

    [Fact]
    public async Task CanInsertWithoutUpsert_StoredRowsInsideOutsideSpanOrRepeatedStarts_AllowsOnlyAnEmptySpanWithoutRepeats()
    {
        var (ingest, _, _) = CreateStore();
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 10, 1), Obs(SeriesIds.Demand, 11, 1)), "h1", Day, default);
        var at = (int slot) => (Day + (FiveMinutes * slot)).ToUnixTimeSeconds();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "store.db")}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var key = new SqliteCommand("SELECT id FROM series_key WHERE series = 'demand_mw'", connection, transaction).ExecuteScalar()!;
        var run = (int first, int last, bool repeats) => new ObservationOrder.SeriesRun((long)key, 0, 2, at(first), at(last), repeats);

        Assert.False(SqliteStore.CanInsertWithoutUpsert(connection, transaction, run(0, 10, false)));
        Assert.False(SqliteStore.CanInsertWithoutUpsert(connection, transaction, run(11, 20, false)));
        Assert.True(SqliteStore.CanInsertWithoutUpsert(connection, transaction, run(0, 9, false)));
        Assert.True(SqliteStore.CanInsertWithoutUpsert(connection, transaction, run(12, 20, false)));
        Assert.False(SqliteStore.CanInsertWithoutUpsert(connection, transaction, run(12, 20, true)));
        Assert.True(SqliteStore.CanInsertWithoutUpsert(connection, transaction, new ObservationOrder.SeriesRun((long)key + 1, 0, 2, at(0), at(20), false)));
    }

    private static List<string> DumpObservations(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT k.series, o.interval_start, o.duration_s, o.value, o.published_at, o.ingest_run, o.note
            FROM observation o JOIN series_key k ON k.id = o.series_key ORDER BY k.series, o.interval_start
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Number of embedded SQLite migration scripts (one per schema version).</summary>
    private static int MigrationScriptCount => SqliteStore.Migrator.Scripts.Count;
}
