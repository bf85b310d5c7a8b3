using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Pipelines.Ingest;

namespace Curtailment.Pipelines.Tests.Ingest;

[Trait("Category", "Integration")]
public sealed class IngestPipelineTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2021, 3, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly TestServices _services = new(Now);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_services.Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task IngestPathsAsync_Folder_ImportsEveryFileAndRecordsRuns()
    {
        Directory.CreateDirectory(Path.Combine(_services.Folder, "in"));
        Write("in/a.csv", "interval_start_utc,region,series,value\n2021-03-01T20:00:00+00:00,CAISO,demand_mw,1\n");
        Write("in/b.csv", "interval_start_utc,region,series,value\n2021-03-01T20:05:00+00:00,CAISO,demand_mw,2\n");

        var results = await _services.Get<IngestPipeline>().IngestPathsAsync(
            "tidy", [Path.Combine(_services.Folder, "in")], null, PublicationRule.RealTime, null, default);

        Assert.Equal(["a.csv", "b.csv"], results.Select(r => Path.GetFileName(r.Path)));
        Assert.All(results, r => Assert.Equal(IngestRunStatus.Succeeded, r.Run.Status));
        Assert.All(results, r => Assert.Equal(Now, r.Run.StartedAt));
        var read = await _services.Get<IObservationReader>().ReadAsync(
            new ObservationQuery("CAISO", SeriesIds.Demand, Now.AddDays(-30), Now, DateTimeOffset.MaxValue), default);
        Assert.Equal([1.0, 2.0], read.Select(o => o.Value));
    }

    [Fact]
    public async Task IngestPathsAsync_MiddleFileMalformed_StoresAndRecordsEveryFileInOrder()
    {
        // The next file is parsed while one is stored: the runs must still come out one per file, in file order.
        var a = Write("a.csv", "interval_start_utc,region,series,value\n2021-03-01T20:00:00+00:00,CAISO,demand_mw,1\n");
        var bad = Write("bad.csv", "interval_start_utc,color\n2021-03-01T20:00:00+00:00,red\n");
        var c = Write("c.csv", "interval_start_utc,region,series,value\n2021-03-01T20:05:00+00:00,CAISO,demand_mw,3\n");

        var results = await _services.Get<IngestPipeline>().IngestPathsAsync("tidy", [c, bad, a], null, PublicationRule.RealTime, null, default);

        Assert.Equal([c, bad, a], results.Select(r => r.Path));
        Assert.Equal([IngestRunStatus.Succeeded, IngestRunStatus.Failed, IngestRunStatus.Succeeded], results.Select(r => r.Run.Status));
        var runs = (await _services.Get<IIngestStore>().ListRunsAsync(10, default)).OrderBy(r => r.Id);
        Assert.Equal(["c.csv", "bad.csv", "a.csv"], runs.Select(r => r.FileName));
        var read = await _services.Get<IObservationReader>().ReadAsync(
            new ObservationQuery("CAISO", SeriesIds.Demand, Now.AddDays(-30), Now, DateTimeOffset.MaxValue), default);
        Assert.Equal([1.0, 3.0], read.Select(o => o.Value));
    }

    [Fact]
    public async Task IngestPathsAsync_UnknownRegion_ThrowsBeforeTouchingTheStore()
    {
        var a = Write("a.csv", "interval_start_utc,region,series,value\n2021-03-01T20:00:00+00:00,CAISO,demand_mw,1\n");

        await Assert.ThrowsAsync<UnknownRegionException>(() =>
            _services.Get<IngestPipeline>().IngestPathsAsync("tidy", [a, a], "ATLANTIS", PublicationRule.RealTime, null, default));

        Assert.Empty(await _services.Get<IIngestStore>().ListRunsAsync(10, default));
    }

    [Fact]
    public async Task IngestFileAsync_StructuralError_RecordsFailedRunWithLocationAndStoresNothing()
    {
        var path = Write("bad.csv", "interval_start_utc,color\n2021-03-01T20:00:00+00:00,red\n");

        var result = await _services.Get<IngestPipeline>().IngestFileAsync("tidy", path, "CAISO", PublicationRule.RealTime, default);

        Assert.True(result.Failed);
        Assert.StartsWith("bad.csv: line 1, column 2:", result.Run.Message, StringComparison.Ordinal);
        var runs = await _services.Get<IIngestStore>().ListRunsAsync(10, default);
        Assert.Equal(IngestRunStatus.Failed, Assert.Single(runs).Status);
        Assert.Empty(await _services.Get<IDataSummaryReader>().SummarizeAsync(null, default));
    }

    [Fact]
    public async Task IngestFileAsync_UnknownRegion_ThrowsBeforeTouchingTheStore()
    {
        var path = Write("a.csv", "interval_start_utc,region,series,value\n");

        await Assert.ThrowsAsync<UnknownRegionException>(() =>
            _services.Get<IngestPipeline>().IngestFileAsync("tidy", path, "ATLANTIS", PublicationRule.RealTime, default));

        Assert.Empty(await _services.Get<IIngestStore>().ListRunsAsync(10, default));
    }

    [Fact]
    public async Task IngestBytesAsync_WithReceivedAt_NoValuePublishedBeforeTheFileArrivedAndRuleTimesKeptWhenLater()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            "interval_start_utc,region,series,value\n2021-03-05T11:50:00+00:00,CAISO,demand_mw,1\n2021-03-05T12:00:00+00:00,CAISO,demand_mw,2\n");
        var receivedAt = Now.AddMinutes(7);

        var result = await _services.Get<IngestPipeline>().IngestBytesAsync("tidy", bytes, "late.csv", null, PublicationRule.RealTime, receivedAt, default);
        var read = await _services.Get<IObservationReader>().ReadAsync(
            new ObservationQuery("CAISO", SeriesIds.Demand, Now.AddDays(-5), Now.AddDays(2), DateTimeOffset.MaxValue), default);

        Assert.False(result.Failed, result.Run.Message);
        // Realtime (interval end) says 12:00Z for the first value, but the file arrived at 12:07Z; the second's rule time, 12:10Z, is later.
        Assert.Equal([receivedAt, Now.AddMinutes(10)], read.Select(o => o.PublishedAt));
    }

    [Fact]
    public async Task IngestBytesAsync_WithoutReceivedAt_KeepsTheRulesTimes()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("interval_start_utc,region,series,value\n2021-03-01T20:00:00+00:00,CAISO,demand_mw,1\n");

        await _services.Get<IngestPipeline>().IngestBytesAsync("tidy", bytes, "history.csv", null, PublicationRule.RealTime, default);
        var read = await _services.Get<IObservationReader>().ReadAsync(
            new ObservationQuery("CAISO", SeriesIds.Demand, Now.AddDays(-5), Now, DateTimeOffset.MaxValue), default);

        Assert.Equal(new DateTimeOffset(2021, 3, 1, 20, 5, 0, TimeSpan.Zero), Assert.Single(read).PublishedAt);
    }

    public void Dispose() => _services.Dispose();
}
