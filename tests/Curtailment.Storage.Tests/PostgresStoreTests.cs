using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;

namespace Curtailment.Storage.Tests;

/// <summary>The observation-store contract, and what only PostgreSQL needs, on a real database of its own.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresStoreTests : ObservationStoreContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<PostgresStore> _stores = [];

    protected override void RequireStore() => _database.Require();

    protected override (IIngestStore Ingest, IObservationReader Reader, IDataSummaryReader Summary) CreateStore()
    {
        var store = CreatePostgresStore();
        return (store, store, store);
    }

    [Fact]
    public async Task Constructor_SeveralProcessesStartingAtOnce_ApplyEachMigrationOnce()
    {
        RequireStore();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(CreatePostgresStore)));
        CreatePostgresStore();

        Assert.Equal((long)PostgresStore.Migrator.Scripts.Count, _database.Scalar<long>("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(PostgresStore.Migrator.Scripts[^1].Version, _database.Scalar<int>("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public void Constructor_WrongPassword_NamesTheSettingAndNeverThePassword()
    {
        RequireStore();

        const string password = "Wr0ng-S3cret-Pa55";

        var error = Assert.Throws<InvalidOperationException>(() => new PostgresStore(_database.WithPassword(password), TimeProvider.System));

        Assert.Contains("Curtailment:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains(_database.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("28P01", error.Message, StringComparison.Ordinal); // the server's "password authentication failed"
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_RepeatedKeyWithinBatch_LaterValueAndLaterPublicationWin()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var later = Day.AddHours(3);

        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 5, 1), Obs(SeriesIds.Demand, 2, 7), Obs(SeriesIds.Demand, 5, 3, later)), "h1", Day, default);

        var read = await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Demand, Day, Day.AddDays(1), DateTimeOffset.MaxValue), default);
        Assert.Equal([7.0, 3.0], read.Select(o => o.Value));
        Assert.Equal(later, read[1].PublishedAt);
    }

    [Fact]
    public async Task SaveAsync_RepeatedKeySameValueWithinBatch_KeepsTheFirstRowsPublicationAndNote()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();

        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 5, 1) with { Note = "first" }, Obs(SeriesIds.Demand, 5, 1, Day.AddHours(9)) with { Note = "second" }), "h1", Day, default);

        var read = Assert.Single(await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Demand, Day, Day.AddDays(1), DateTimeOffset.MaxValue), default));
        Assert.Equal(Day + (FiveMinutes * 6), read.PublishedAt);
        Assert.Equal("first", read.Note);
    }

    [Fact]
    public async Task SaveAsync_NotesDurationsAndSeriesInterleaved_StoresEachRowsOwn()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var batch = Batch("a.csv",
            Obs(SeriesIds.Solar, 0, 1) with { Note = "stale:solar" }, Obs(SeriesIds.Demand, 0, 100), Obs(SeriesIds.Solar, 1, 2),
            new Observation("CAISO", SeriesIds.Solar, Day + (FiveMinutes * 2), TimeSpan.FromMinutes(15), 6, "test", Day.AddHours(1)),
            Obs(SeriesIds.Solar, 8, 7) with { Note = string.Empty });

        await ingest.SaveAsync(batch, "h1", Day, default);

        var read = await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Solar, Day, Day.AddDays(1), DateTimeOffset.MaxValue), default);
        Assert.Equal(["stale:solar", null, null, string.Empty], read.Select(o => o.Note));
        Assert.Equal([5, 5, 15, 5], read.Select(o => (int)o.Duration.TotalMinutes));
        Assert.Equal([1.0, 2.0, 6.0, 7.0], read.Select(o => o.Value));
    }

    [Fact]
    public async Task SaveAsync_OneSeriesOverlapsStoredRowsAnotherIsNew_UpsertsTheFirstAndCopiesTheSecond()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var later = Day.AddHours(6);
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 10), Obs(SeriesIds.Demand, 1, 11)), "h1", Day, default);

        var run = await ingest.SaveAsync(Batch("b.csv", Obs(SeriesIds.Demand, 1, 12, later), Obs(SeriesIds.Solar, 0, 5), Obs(SeriesIds.Demand, 2, 20, later), Obs(SeriesIds.Demand, 0, 10, later)), "h2", Day, default);

        var all = new ObservationQuery("CAISO", SeriesIds.Demand, Day, Day.AddDays(1), DateTimeOffset.MaxValue);
        var demand = await reader.ReadAsync(all, default);
        Assert.Equal([10.0, 12.0, 20.0], demand.Select(o => o.Value));
        Assert.Equal([Day + FiveMinutes, later, later], demand.Select(o => o.PublishedAt));
        Assert.Equal([5.0], (await reader.ReadAsync(all with { Series = SeriesIds.Solar }, default)).Select(o => o.Value));
        Assert.Equal(run.Id, _database.Scalar<long>("SELECT o.ingest_run FROM observation o JOIN series_key k ON k.id = o.series_key WHERE k.series = 'solar_mw'"));
    }

    [Fact]
    public async Task SaveAsync_RowsAndANoteLargerThanTheCopyBuffer_StoresEveryRowExactlyOnBothPaths()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        // 64 KiB buffers: 20,000 rows take about twenty flushes, and a 40,000-character note in a two-byte script
        // (up to 120,003 bytes reserved) is larger than a whole buffer.
        var longNote = string.Concat(Enumerable.Repeat("é¾", 20_000));
        var first = Enumerable.Range(0, 20_000)
            .Select(i => Obs(SeriesIds.Demand, i, i + 0.25) with { Note = i == 7_000 ? longNote : i % 3 == 0 ? "n" + i : null })
            .ToArray();
        // The second file overlaps the stored rows, so all of it goes through staging and the upsert: it revises every
        // other stored row (one with a long note), repeats the others unchanged, and adds 10,000 new ones.
        var later = Day.AddDays(200);
        var second = Enumerable.Range(10_000, 20_000)
            .Select(i => Obs(SeriesIds.Demand, i, i % 2 == 0 ? -i : i + 0.25, later) with { Note = i == 15_000 ? longNote + "!" : null })
            .ToArray();

        await ingest.SaveAsync(Batch("a.csv", first), "h1", Day, default);
        await ingest.SaveAsync(Batch("b.csv", second), "h2", Day, default);

        // The upsert rule: a revised value replaces the row, a repeated one leaves the stored row (and its note) alone.
        var expected = first.ToList();
        foreach (var row in second)
        {
            var slot = (int)((row.IntervalStart - Day) / FiveMinutes);
            if (slot >= expected.Count)
            {
                expected.Add(row);
            }
            else if (expected[slot].Value != row.Value)
            {
                expected[slot] = row;
            }
        }

        var read = await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Demand, Day, Day.AddDays(400), DateTimeOffset.MaxValue), default);
        Assert.Equal(30_000, read.Count);
        Assert.Equal(expected.Select(o => (o.IntervalStart, o.Value, o.PublishedAt, o.Note)), read.Select(o => (o.IntervalStart, o.Value, o.PublishedAt, o.Note)));
        Assert.Equal(longNote, read[7_000].Note);
        Assert.Equal(longNote + "!", read[15_000].Note);
    }

    [Fact]
    public async Task SaveAsync_SameFileFromTwoWritersAtOnce_StoresItOnce()
    {
        RequireStore();

        var batch = Batch("a.csv", [.. Enumerable.Range(0, 500).Select(i => Obs(SeriesIds.Demand, i, i))]);

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => CreatePostgresStore().SaveAsync(batch, "same", Day, default))));

        Assert.Equal([IngestRunStatus.Succeeded, IngestRunStatus.Unchanged], runs.Select(r => r.Status).Order());
        Assert.Equal(500L, _database.Scalar<long>("SELECT COUNT(*) FROM observation"));
    }

    [Fact]
    public async Task SaveAsync_CoverageListedTwiceInABatch_KeepsTheEarlierPublication()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var batch = Batch("c.csv");
        batch.Coverage.Add(new CoverageSpan("CAISO", SeriesIds.TotalCurtailment, Day, Day.AddHours(1), Day.AddDays(2)));
        batch.Coverage.Add(new CoverageSpan("CAISO", SeriesIds.TotalCurtailment, Day, Day.AddHours(1), Day.AddDays(1)));

        await ingest.SaveAsync(batch, "h1", Day, default);

        var query = new ObservationQuery("CAISO", SeriesIds.TotalCurtailment, Day, Day.AddHours(1), Day.AddDays(1));
        Assert.All((await reader.ReadDenseAsync(query, TimeSpan.FromHours(1), default)).Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task ReadAsync_UnboundedRangeAndAsOf_ReturnsEverything()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 1), Obs(SeriesIds.Demand, 1, 2)), "h1", Day, default);

        var read = await reader.ReadAsync(new ObservationQuery("CAISO", SeriesIds.Demand, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.MaxValue), default);

        Assert.Equal(2, read.Count);
    }

    [Fact]
    public async Task LoadSnapshotAsync_OnlyRequestedSeriesAndWindow_AreLoaded()
    {
        RequireStore();

        var store = CreatePostgresStore();
        await store.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 1), Obs(SeriesIds.Demand, 20, 2), Obs(SeriesIds.Solar, 0, 3)), "h", Day, default);

        var snapshot = await store.LoadSnapshotAsync("CAISO", [SeriesIds.Demand], Day, Day + (FiveMinutes * 10), default);
        var all = new ObservationQuery("CAISO", SeriesIds.Demand, Day.AddDays(-1), Day.AddDays(1), DateTimeOffset.MaxValue);

        Assert.Equal([1.0], (await snapshot.ReadAsync(all, default)).Select(o => o.Value));
        Assert.Empty(await snapshot.ReadAsync(all with { Series = SeriesIds.Solar }, default));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _database.Dispose();
    }

    private PostgresStore CreatePostgresStore()
    {
        var store = new PostgresStore(_database.ConnectionString!, TimeProvider.System);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }
}
