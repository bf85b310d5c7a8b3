using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Feeds;
using Curtailment.Pipelines.Ingest;
using Curtailment.Testing;
using Microsoft.AspNetCore.Http;

namespace Curtailment.Pipelines.Tests.Ingest;

/// <summary>
/// The backfill over the production composition and a real Kestrel on loopback playing CAISO and AEMO from files laid
/// out as their URLs (TestData/Operator): CAISO's Today's Outlook history has the 5th and 6th of January 2021, answers
/// 500 for the 7th, has not published the 8th (404) and serves the 9th in a layout the importer does not know; AEMO
/// has January 2024 and not February.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FeedBackfillTests : IAsyncLifetime
{
    private static readonly string Operator = Path.Combine(AppContext.BaseDirectory, "TestData", "Operator");

    private LoopbackServer _server = null!;
    private TestServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync((context, _) => context.Request.Path == "/outlook/history/20210107/demand.csv"
            ? LoopbackServer.Status(context, StatusCodes.Status500InternalServerError)
            : LoopbackServer.ServeFile(context, Operator));
        var url = _server.BaseUrl.AbsoluteUri;
        _services = new TestServices(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string?>
        {
            ["Curtailment:Fetch:CaisoBaseUrl"] = url,
            ["Curtailment:Fetch:AemoBaseUrl"] = url,
            ["Curtailment:Fetch:MaxRetryAttempts"] = "1",
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
            ["Curtailment:Fetch:AttemptTimeout"] = "00:00:05",
            ["Curtailment:Fetch:TotalTimeout"] = "00:00:20",
        });
    }

    public async ValueTask DisposeAsync()
    {
        _services.Dispose();
        await _server.DisposeAsync();
    }

    private Task<IReadOnlyList<BackfillPeriodResult>> RunAsync(string feed, DateOnly from, DateOnly to) =>
        _services.Get<FeedBackfill>().RunAsync(_services.Get<FeedCatalog>().Get(feed), from, to, null, default);

    private Task<IReadOnlyList<Observation>> DemandAsync(string region, DateTimeOffset from, DateTimeOffset to) =>
        _services.Get<IObservationReader>().ReadAsync(new ObservationQuery(region, SeriesIds.Demand, from, to, DateTimeOffset.MaxValue), default);

    [Fact]
    public async Task RunAsync_PublishedDays_FetchesEachDayAndStoresItsObservations()
    {
        var reported = new List<BackfillPeriodResult>();

        var results = await _services.Get<FeedBackfill>().RunAsync(
            _services.Get<FeedCatalog>().Get("caiso-outlook-demand"), new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 6), new ListProgress(reported), default);

        Assert.Equal([new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 6)], results.Select(r => r.Period));
        Assert.All(results, r => Assert.Equal(BackfillOutcome.Fetched, r.Outcome));
        Assert.Equal(["20210105_demand.csv", "20210106_demand.csv"], results.Select(r => r.File!.Run.FileName));
        Assert.All(results, r => Assert.Equal(IngestRunStatus.Succeeded, r.File!.Run.Status));
        Assert.Equal(results, reported);
        Assert.Equal(["/outlook/history/20210105/demand.csv", "/outlook/history/20210106/demand.csv"], _server.Paths);
        // 20210106/demand.csv holds one row: 12:00 Pacific (20:00 UTC), current demand 24750.
        var noon = new DateTimeOffset(2021, 1, 6, 20, 0, 0, TimeSpan.Zero);
        var demand = await DemandAsync("CAISO", noon.AddMinutes(-5), noon.AddMinutes(5));
        Assert.Contains(demand, o => o.Value == 24750 && o.Source == "caiso-outlook");
        Assert.NotEmpty(await DemandAsync("CAISO", new DateTimeOffset(2021, 1, 5, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 1, 6, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task RunAsync_FailingMissingAndRefusedDays_ReportsEachPeriodAndGoesOn()
    {
        var results = await RunAsync("caiso-outlook-demand", new DateOnly(2021, 1, 6), new DateOnly(2021, 1, 9));

        Assert.Equal(
            [BackfillOutcome.Fetched, BackfillOutcome.Failed, BackfillOutcome.NotPublished, BackfillOutcome.Failed],
            results.Select(r => r.Outcome));
        Assert.Contains("500", results[1].Problem, StringComparison.Ordinal);
        Assert.Contains("20210107/demand.csv", results[1].Problem, StringComparison.Ordinal);
        Assert.Null(results[1].File);
        Assert.Contains("20210108/demand.csv", results[2].Problem, StringComparison.Ordinal);
        // The importer's refusal names the file and line, as the other ingest paths do, and is recorded as a failed run.
        Assert.StartsWith("20210109_demand.csv: line 1", results[3].Problem, StringComparison.Ordinal);
        Assert.Equal(IngestRunStatus.Failed, results[3].File!.Run.Status);
        var runs = await _services.Get<IIngestStore>().ListRunsAsync(10, default);
        Assert.Equal(
            [("20210106_demand.csv", IngestRunStatus.Succeeded), ("20210109_demand.csv", IngestRunStatus.Failed)],
            runs.OrderBy(r => r.Id).Select(r => (r.FileName, r.Status)));
    }

    [Fact]
    public async Task RunAsync_OnlyUnpublishedDays_ReportsThemNotPublishedAndStoresNothing()
    {
        var results = await RunAsync("caiso-outlook-demand", new DateOnly(2021, 1, 8), new DateOnly(2021, 1, 8));

        var period = Assert.Single(results);
        Assert.Equal(BackfillOutcome.NotPublished, period.Outcome);
        Assert.Contains("404", period.Problem, StringComparison.Ordinal);
        Assert.Empty(await _services.Get<IIngestStore>().ListRunsAsync(10, default));
    }

    [Fact]
    public async Task RunAsync_MonthlyFeed_FetchesTheMonthHoldingEachDayOnce()
    {
        var results = await RunAsync("aemo-price-demand-sa1", new DateOnly(2024, 1, 20), new DateOnly(2024, 2, 3));

        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)], results.Select(r => r.Period));
        Assert.Equal([BackfillOutcome.Fetched, BackfillOutcome.NotPublished], results.Select(r => r.Outcome));
        Assert.Equal(
            ["/aemo/data/nem/priceanddemand/PRICE_AND_DEMAND_202401_SA1.csv", "/aemo/data/nem/priceanddemand/PRICE_AND_DEMAND_202402_SA1.csv"],
            _server.Paths);
        Assert.True(results[0].File!.Run.ObservationsAccepted > 0);
    }

    [Fact]
    public async Task RunAsync_SameRangeTwice_SecondRunChangesNothing()
    {
        await RunAsync("caiso-outlook-demand", new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 5));
        var day = (new DateTimeOffset(2021, 1, 5, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 1, 6, 8, 0, 0, TimeSpan.Zero));
        var before = await DemandAsync("CAISO", day.Item1, day.Item2);

        var again = Assert.Single(await RunAsync("caiso-outlook-demand", new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 5)));

        Assert.Equal(IngestRunStatus.Unchanged, again.File!.Run.Status);
        Assert.Equal(before, await DemandAsync("CAISO", day.Item1, day.Item2));
    }

    [Fact]
    public async Task RunAsync_ToBeforeFrom_ThrowsNamingToAndFetchesNothing()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => RunAsync("caiso-outlook-demand", new DateOnly(2021, 1, 6), new DateOnly(2021, 1, 5)));

        Assert.Equal("to", error.ParamName);
        Assert.StartsWith("--to (2021-01-05) is before --from (2021-01-06).", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Requests);
        Assert.Empty(await _services.Get<IIngestStore>().ListRunsAsync(10, default));
    }

    [Fact]
    public void Periods_DailyAndMonthlyCadence_OnePeriodPerDayOrPerMonthHeld()
    {
        var from = new DateOnly(2024, 1, 30);
        var to = new DateOnly(2024, 3, 1);

        Assert.Equal(32, FeedBackfill.Periods(FeedCadence.Daily, from, to).Count);
        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1)], FeedBackfill.Periods(FeedCadence.Monthly, from, to));
    }

    /// <summary>Collects what the backfill reports, on the caller's thread.</summary>
    private sealed class ListProgress(List<BackfillPeriodResult> list) : IProgress<BackfillPeriodResult>
    {
        public void Report(BackfillPeriodResult value) => list.Add(value);
    }
}
