using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;

namespace Curtailment.Storage.Tests;

/// <summary>
/// The behaviour every store must have (SQLite now, PostgreSQL later): each implementation's test class
/// inherits these tests and supplies a fresh, empty store.
/// </summary>
public abstract class ObservationStoreContractTests
{
    protected static readonly DateTimeOffset Day = new(2021, 3, 1, 8, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    protected abstract (IIngestStore Ingest, IObservationReader Reader, IDataSummaryReader Summary) CreateStore();

    /// <summary>
    /// Skips the test where the implementation needs a server this machine does not have (PostgreSQL on a developer
    /// machine), or fails it where CI requires the server (see <see cref="Curtailment.Testing.Requires"/>).
    /// </summary>
    protected virtual void RequireStore()
    {
    }

    protected static Observation Obs(string series, int slot, double value, DateTimeOffset? published = null, string source = "test") =>
        new("CAISO", series, Day + (FiveMinutes * slot), FiveMinutes, value, source, published ?? Day + (FiveMinutes * (slot + 1)));

    protected static ImportBatch Batch(string fileName, params Observation[] observations)
    {
        var batch = new ImportBatch("test", fileName) { RowsRead = observations.Length };
        batch.Observations.AddRange(observations);
        return batch;
    }

    private static ObservationQuery Query(string series, DateTimeOffset asOf, int slots = 288) =>
        new("CAISO", series, Day, Day + (FiveMinutes * slots), asOf);

    [Fact]
    public async Task ReadAsync_AfterSave_ReturnsObservationsInIntervalOrder()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 2, 30), Obs(SeriesIds.Demand, 0, 10), Obs(SeriesIds.Demand, 1, 20)), "h1", Day, default);

        var read = await reader.ReadAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue), default);

        Assert.Equal([10.0, 20.0, 30.0], read.Select(o => o.Value));
        Assert.Equal(Day, read[0].IntervalStart);
        Assert.Equal(FiveMinutes, read[0].Duration);
        Assert.Equal(Day + FiveMinutes, read[0].PublishedAt);
    }

    [Fact]
    public async Task ReadAsync_AsOfBeforePublication_HidesTheValue()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var published = Day.AddDays(1).AddHours(2);
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.TotalCurtailment, 0, 700, published)), "h1", Day, default);

        var before = await reader.ReadAsync(Query(SeriesIds.TotalCurtailment, published.AddSeconds(-1)), default);
        var at = await reader.ReadAsync(Query(SeriesIds.TotalCurtailment, published), default);

        Assert.Empty(before);
        Assert.Single(at);
    }

    [Fact]
    public async Task SaveAsync_SameFileTwice_SecondRunIsUnchangedAndStoreKeepsOneCopy()
    {
        RequireStore();

        var (ingest, reader, summary) = CreateStore();
        var batch = Batch("a.csv", Obs(SeriesIds.Demand, 0, 10), Obs(SeriesIds.Demand, 1, 11));

        var first = await ingest.SaveAsync(batch, "same-hash", Day, default);
        var second = await ingest.SaveAsync(batch, "same-hash", Day, default);

        Assert.Equal(IngestRunStatus.Succeeded, first.Status);
        Assert.Equal(IngestRunStatus.Unchanged, second.Status);
        Assert.Equal(2, (await reader.ReadAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue), default)).Count);
        Assert.Equal(2, (await summary.SummarizeAsync(null, default)).Single().Rows);
    }

    [Fact]
    public async Task SaveAsync_SameValuesFromAnotherFile_LeavesPublicationTimeAlone()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 10, Day.AddHours(1))), "h1", Day, default);
        await ingest.SaveAsync(Batch("b.csv", Obs(SeriesIds.Demand, 0, 10, Day.AddHours(5))), "h2", Day, default);

        var read = await reader.ReadAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue), default);

        Assert.Equal(Day.AddHours(1), Assert.Single(read).PublishedAt);
    }

    [Fact]
    public async Task SaveAsync_RefetchedFileWithReceivedAtFloor_KnownValuesKeepTheirTimeNewAndRevisedOnesTakeTheLaterReceipt()
    {
        RequireStore();

        // A feed fetches a file that grows through the day: each fetch is floored at the time it was received.
        var (ingest, reader, _) = CreateStore();
        var firstReceipt = Day.AddHours(2);
        var secondReceipt = Day.AddHours(6);
        var first = Batch("day.csv", Obs(SeriesIds.Demand, 0, 10), Obs(SeriesIds.Demand, 1, 11));
        first.FloorPublishedAt(firstReceipt);
        await ingest.SaveAsync(first, "h1", firstReceipt, default);
        var second = Batch("day.csv", Obs(SeriesIds.Demand, 0, 10), Obs(SeriesIds.Demand, 1, 15), Obs(SeriesIds.Demand, 2, 12));
        second.FloorPublishedAt(secondReceipt);
        await ingest.SaveAsync(second, "h2", secondReceipt, default);

        var read = await reader.ReadAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue), default);
        var asOfFirst = await reader.ReadAsync(Query(SeriesIds.Demand, firstReceipt), default);
        var justBeforeFirst = await reader.ReadAsync(Query(SeriesIds.Demand, firstReceipt.AddSeconds(-1)), default);

        Assert.Equal([firstReceipt, secondReceipt, secondReceipt], read.Select(o => o.PublishedAt));
        Assert.Equal([10.0, 15.0, 12.0], read.Select(o => o.Value));
        Assert.Equal([10.0], asOfFirst.Select(o => o.Value)); // the known value; the revision is not visible before its receipt
        Assert.Empty(justBeforeFirst); // the rule's times (interval ends) are earlier, the floor wins
    }

    [Fact]
    public async Task SaveAsync_RevisedValue_TakesTheNewValueAndTheLaterPublicationTime()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 10, Day.AddHours(1))), "h1", Day, default);
        await ingest.SaveAsync(Batch("b.csv", Obs(SeriesIds.Demand, 0, 12, Day.AddHours(5))), "h2", Day, default);

        var beforeRevision = await reader.ReadAsync(Query(SeriesIds.Demand, Day.AddHours(2)), default);
        var afterRevision = await reader.ReadAsync(Query(SeriesIds.Demand, Day.AddHours(5)), default);

        Assert.Empty(beforeRevision); // never the revised value before it existed
        Assert.Equal(12, Assert.Single(afterRevision).Value);
    }

    [Fact]
    public async Task SaveAsync_FailureMidBatch_LeavesStoreUnchanged()
    {
        RequireStore();

        var (ingest, reader, summary) = CreateStore();
        var observations = Enumerable.Range(0, 100).Select(i => Obs(SeriesIds.Demand, i, i)).ToList();
        observations.Add(Obs(SeriesIds.Demand, 100, double.NaN)); // the store refuses NaN: fails after 100 writes

        await Assert.ThrowsAnyAsync<Exception>(() => ingest.SaveAsync(Batch("bad.csv", [.. observations]), "h1", Day, default));

        Assert.Empty(await reader.ReadAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue), default));
        Assert.Empty(await summary.SummarizeAsync(null, default));
        Assert.Empty(await ingest.ListRunsAsync(10, default));
    }

    [Fact]
    public async Task RecordFailureAsync_KeepsTheRunAndTouchesNoObservation()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();

        var run = await ingest.RecordFailureAsync("test", "bad.csv", "h1", Day, "bad.csv: line 1, column 2: expected 'Hour'", default);

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        var listed = Assert.Single(await ingest.ListRunsAsync(10, default));
        Assert.Equal("bad.csv: line 1, column 2: expected 'Hour'", listed.Message);
        Assert.Empty(await reader.ReadAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue), default));
    }

    [Fact]
    public async Task ListRejectedRowsAsync_ReturnsRowsOfTheRunInFileOrder()
    {
        RequireStore();

        var (ingest, _, summary) = CreateStore();
        var batch = Batch("a.csv", Obs(SeriesIds.Demand, 0, 10));
        batch.Reject(3, "Solar", "'x' is not a number", "1/1/2021,8,2,,x,");
        batch.Reject(7, null, "duplicate key", "1/1/2021,8,2,,5,");

        var run = await ingest.SaveAsync(batch, "h1", Day, default);
        var rows = await ingest.ListRejectedRowsAsync(run.Id, default);

        Assert.Equal([3, 7], rows.Select(r => r.Line));
        Assert.Equal("Solar", rows[0].Column);
        Assert.Equal("1/1/2021,8,2,,x,", rows[0].RawText);
        Assert.Equal(2, (await summary.SummarizeAsync(null, default)).Single().RejectedRows);
    }

    [Fact]
    public async Task ReadDenseAsync_SparseSeries_ReadsZeroInsidePublishedCoverageAndNaNOutside()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var published = Day.AddDays(1);
        var batch = Batch("c.csv", Obs(SeriesIds.TotalCurtailment, 3, 600, published));
        batch.Coverage.Add(new CoverageSpan("CAISO", SeriesIds.TotalCurtailment, Day, Day + (FiveMinutes * 6), published));
        await ingest.SaveAsync(batch, "h1", Day, default);

        var dense = await reader.ReadDenseAsync(Query(SeriesIds.TotalCurtailment, published, slots: 8), FiveMinutes, default);
        var beforePublication = await reader.ReadDenseAsync(Query(SeriesIds.TotalCurtailment, published.AddMinutes(-1), slots: 8), FiveMinutes, default);

        Assert.Equal([0, 0, 0, 600, 0, 0, double.NaN, double.NaN], dense.Values);
        Assert.All(beforePublication.Values, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public async Task ReadDenseAsync_CoarserStep_AveragesAndSpreadsHourlyValues()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var hourly = new Observation("CAISO", SeriesIds.Demand, Day, TimeSpan.FromHours(1), 1200, "test", Day.AddHours(1));
        await ingest.SaveAsync(Batch("h.csv", hourly), "h1", Day, default);
        await ingest.SaveAsync(Batch("m.csv", Obs("other_mw", 0, 10), Obs("other_mw", 1, 20), Obs("other_mw", 2, 30)), "h2", Day, default);

        var spread = await reader.ReadDenseAsync(Query(SeriesIds.Demand, DateTimeOffset.MaxValue, slots: 13), FiveMinutes, default);
        var averaged = await reader.ReadDenseAsync(
            new ObservationQuery("CAISO", "other_mw", Day, Day.AddMinutes(30), DateTimeOffset.MaxValue), TimeSpan.FromMinutes(15), default);

        Assert.All(spread.Values.Take(12), v => Assert.Equal(1200, v));
        Assert.True(double.IsNaN(spread.Values[12]));
        Assert.Equal(20, averaged.Values[0]);
        Assert.True(double.IsNaN(averaged.Values[1]));
    }

    [Fact]
    public async Task SummarizeAsync_ReportsRowsSpanEnergyAndGaps()
    {
        RequireStore();

        var (ingest, _, summary) = CreateStore();
        // Slots 0, 1 and 3: one 5-minute gap; 120 MW for 15 minutes = 30 MWh.
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 120), Obs(SeriesIds.Demand, 1, 120), Obs(SeriesIds.Demand, 3, 120)), "h1", Day, default);

        var row = Assert.Single(await summary.SummarizeAsync("CAISO", default));

        Assert.Equal(3, row.Rows);
        Assert.Equal(Day, row.FirstIntervalStart);
        Assert.Equal(Day + (FiveMinutes * 4), row.LastIntervalEnd);
        Assert.Equal(FiveMinutes, row.Resolution);
        Assert.Equal(1, row.Gaps);
        Assert.Equal(30, row.TotalEnergyMwh!.Value, 6);
        Assert.Empty(await summary.SummarizeAsync("SPP", default));
    }

    [Fact]
    public async Task SummarizeAsync_SparseSeriesInsideCoverage_HasNoGaps()
    {
        RequireStore();

        var (ingest, _, summary) = CreateStore();
        var batch = Batch("c.csv", Obs(SeriesIds.TotalCurtailment, 0, 600), Obs(SeriesIds.TotalCurtailment, 10, 600));
        batch.Coverage.Add(new CoverageSpan("CAISO", SeriesIds.TotalCurtailment, Day, Day.AddDays(1), Day.AddDays(1)));
        await ingest.SaveAsync(batch, "h1", Day, default);

        var row = Assert.Single(await summary.SummarizeAsync(null, default));

        Assert.Equal(0, row.Gaps);
        Assert.Equal(2, row.Rows);
    }

    [Fact]
    public async Task LatestIntervalEndAsync_RespectsAsOf()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        await ingest.SaveAsync(Batch("a.csv", Obs(SeriesIds.Demand, 0, 1), Obs(SeriesIds.Demand, 5, 1)), "h1", Day, default);

        Assert.Equal(Day + FiveMinutes, await reader.LatestIntervalEndAsync("CAISO", SeriesIds.Demand, Day + FiveMinutes, default));
        Assert.Equal(Day + (FiveMinutes * 6), await reader.LatestIntervalEndAsync("CAISO", SeriesIds.Demand, DateTimeOffset.MaxValue, default));
        Assert.Null(await reader.LatestIntervalEndAsync("CAISO", SeriesIds.Demand, Day, default));
    }

    [Fact]
    public async Task ReadDenseAsync_SparseSeriesAtTwoResolutions_FinerValuesWinWhereTheyOverlap()
    {
        RequireStore();

        var (ingest, reader, _) = CreateStore();
        var hour = TimeSpan.FromHours(1);
        // An hourly report lists hours 0 and 1; a 5-minute workbook covers hour 0 and lists two of its intervals.
        var hourly = new ImportBatch("report", "report.csv") { RowsRead = 2 };
        hourly.Observations.Add(new Observation("CAISO", SeriesIds.TotalCurtailment, Day, hour, 120, "report", Day.AddDays(1)));
        hourly.Observations.Add(new Observation("CAISO", SeriesIds.TotalCurtailment, Day + hour, hour, 240, "report", Day.AddDays(1)));
        hourly.Coverage.Add(new CoverageSpan("CAISO", SeriesIds.TotalCurtailment, Day, Day + (hour * 2), Day.AddDays(1)));
        var fiveMinute = Batch("workbook.csv", Obs(SeriesIds.TotalCurtailment, 0, 600, Day.AddDays(2)), Obs(SeriesIds.TotalCurtailment, 3, 840, Day.AddDays(2)));
        fiveMinute.Coverage.Add(new CoverageSpan("CAISO", SeriesIds.TotalCurtailment, Day, Day + hour, Day.AddDays(2)));
        await ingest.SaveAsync(hourly, "h1", Day, default);
        await ingest.SaveAsync(fiveMinute, "h2", Day, default);

        var both = await reader.ReadDenseAsync(Query(SeriesIds.TotalCurtailment, Day.AddDays(2), slots: 24), FiveMinutes, default);
        var hourlyOnly = await reader.ReadDenseAsync(Query(SeriesIds.TotalCurtailment, Day.AddDays(1), slots: 24), FiveMinutes, default);
        var hourlyStep = await reader.ReadDenseAsync(Query(SeriesIds.TotalCurtailment, Day.AddDays(2), slots: 24), hour, default);

        // Hour 0 is the workbook's alone (unlisted intervals are zero under its coverage); hour 1 is the report's.
        Assert.Equal([600.0, 0, 0, 840, 0, 0, 0, 0, 0, 0, 0, 0], both.Values.Take(12));
        Assert.All(both.Values.Skip(12), v => Assert.Equal(240, v));
        Assert.All(hourlyOnly.Values.Take(12), v => Assert.Equal(120, v));
        Assert.Equal([(600.0 + 840) / 12, 240], hourlyStep.Values);
    }
}
