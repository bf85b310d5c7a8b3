using System.Net;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Host.Jobs;
using Curtailment.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>The ingest job over an operator feed, pointed at a real Kestrel on loopback that plays CAISO.</summary>
[Trait("Category", "Integration")]
public sealed class IngestFeedJobTests : IAsyncLifetime
{
    // SeededDatabase.Now is 2025-06-15 10:30 Pacific: the 14th is whole, the 15th "not published yet" here.
    private const string PublishedDay = "/outlook/history/20250614/demand.csv";

    private static readonly byte[] DemandFile =
        "Time,Day ahead forecast,Hour ahead forecast,Current demand\n00:05,21000,20900,20950\n00:10,21010,20910,20960\n"u8.ToArray();

    private LoopbackServer _operator = null!;
    private HostFactory _host = null!;
    private int _failuresLeft;

    public async ValueTask InitializeAsync()
    {
        _operator = await LoopbackServer.StartAsync((context, _) => Serve(context));

        _host = await HostFactory.SeededAsync(new Dictionary<string, string?>
        {
            ["Curtailment:Jobs:Sources:0:Name"] = "outlook-demand",
            ["Curtailment:Jobs:Sources:0:Feed"] = "caiso-outlook-demand",
            ["Curtailment:Jobs:Sources:0:LookbackDays"] = "2",
            ["Curtailment:Feeds:BaseUrls:caiso-outlook-demand"] = _operator.BaseUrl.AbsoluteUri,
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
            ["Curtailment:Fetch:MaxRetryAttempts"] = "1",
            ["Curtailment:Fetch:AttemptTimeout"] = "00:00:05",
            ["Curtailment:Fetch:TotalTimeout"] = "00:00:20",
        });
        _host.Client();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _operator.DisposeAsync();
    }

    private Task Serve(HttpContext context) =>
        context.Request.Path != PublishedDay ? LoopbackServer.Status(context, StatusCodes.Status404NotFound)
        : Interlocked.Decrement(ref _failuresLeft) >= 0 ? LoopbackServer.Status(context, StatusCodes.Status503ServiceUnavailable)
        : LoopbackServer.Serve(context, DemandFile);

    private IngestJob Job() => _host.Services.CreateScope().ServiceProvider.GetRequiredService<IngestJob>();

    [Fact]
    public async Task RunAsync_FeedSource_IngestsPublishedDayAndTreatsMissingDayAsNotYet()
    {
        var first = await Job().RunAsync("outlook-demand", default);
        var second = await Job().RunAsync("outlook-demand", default);

        var run = Assert.Single(first).Run;
        Assert.True(run.Status == IngestRunStatus.Succeeded, run.Message);
        Assert.Equal("20250614_demand.csv", run.FileName);
        // Two rows of three series each.
        Assert.Equal(6, run.ObservationsAccepted);
        Assert.Equal(IngestRunStatus.Unchanged, Assert.Single(second).Run.Status);
        Assert.Equal([PublishedDay, "/outlook/history/20250615/demand.csv"], _operator.Paths.Take(2));
        var demand = await _host.Services.GetRequiredService<IObservationReader>().ReadAsync(
            new ObservationQuery("CAISO", SeriesIds.Demand, new DateTimeOffset(2025, 6, 14, 7, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2025, 6, 14, 7, 10, 0, TimeSpan.Zero), SeededDatabase.Now), default);
        Assert.Contains(demand, o => o.Value == 20950 && o.Source == "caiso-outlook");
    }

    [Fact]
    public async Task RunAsync_OperatorFailsEveryAttempt_JobFailsNamingTheUrl()
    {
        _failuresLeft = int.MaxValue;

        var error = await Assert.ThrowsAsync<Ingestion.Fetching.FetchException>(() => Job().RunAsync("outlook-demand", default));

        Assert.Contains("20250614/demand.csv", error.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }
}
