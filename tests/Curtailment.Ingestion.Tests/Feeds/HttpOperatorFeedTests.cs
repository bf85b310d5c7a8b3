using System.Net;
using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using Curtailment.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Curtailment.Ingestion.Tests.Feeds.FeedTestSupport;
using static Curtailment.Testing.LoopbackServer;

namespace Curtailment.Ingestion.Tests.Feeds;

/// <summary>What every HTTP feed shares (retries, timeouts, bodies refused, "not published yet"), through the Outlook feed.</summary>
[Trait("Category", "Integration")]
public class HttpOperatorFeedTests
{
    private static readonly DateOnly Day = new(2021, 3, 14);

    private static Task<FeedResult> FetchFuelSource(ServiceProvider services, CancellationToken cancellationToken = default) =>
        services.Feed("caiso-outlook-fuelsource").FetchAsync(Day, cancellationToken);

    [Fact]
    public async Task FetchAsync_ServedFile_ReturnsBodyUnderDatedName()
    {
        var fixture = TestFiles.Bytes("Caiso/Outlook/fuelsource_served.csv");
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, fixture));
        await using var services = Services(server.BaseUrl);

        var result = await FetchFuelSource(services);

        Assert.Equal(FeedOutcome.Fetched, result.Outcome);
        Assert.Equal("20210314_fuelsource.csv", result.File!.FileName);
        Assert.Equal(fixture, result.File.Content);
        Assert.Equal(["/outlook/history/20210314/fuelsource.csv"], server.Paths);
    }

    [Fact]
    public async Task FetchAsync_DemandFeedWithOwnBaseUrl_AsksThatServer()
    {
        var fixture = "Time,Day ahead forecast,Hour ahead forecast,Current demand\n00:05,21000,20900,20950\n"u8.ToArray();
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, fixture));
        await using var services = Services(new Uri("http://127.0.0.1:1/"), extra: new()
        {
            ["Curtailment:Feeds:BaseUrls:caiso-outlook-demand"] = server.BaseUrl.AbsoluteUri + "mirror/",
        });

        var result = await services.Feed("caiso-outlook-demand").FetchAsync(new DateOnly(2020, 11, 1), default);

        Assert.Equal("20201101_demand.csv", result.File!.FileName);
        Assert.Equal(["/mirror/outlook/history/20201101/demand.csv"], server.Paths);
    }

    [Fact]
    public async Task FetchAsync_NotFound_IsNotPublishedYetWithoutRetry()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await using var services = Services(server.BaseUrl);

        var result = await FetchFuelSource(services);

        Assert.Equal(FeedOutcome.NotPublishedYet, result.Outcome);
        Assert.Contains("404", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_HtmlPlaceholderWithStatus200_IsNotPublishedYet()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, "\n<!DOCTYPE html><html><body>Not found</body></html>"u8.ToArray(), "text/html"));
        await using var services = Services(server.BaseUrl);

        var result = await FetchFuelSource(services);

        Assert.Equal(FeedOutcome.NotPublishedYet, result.Outcome);
        Assert.Null(result.File);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorThenSuccess_Retries()
    {
        var fixture = TestFiles.Bytes("Caiso/Outlook/fuelsource_served.csv");
        await using var server = await LoopbackServer.StartAsync((context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            }

            return Serve(context, fixture);
        });
        await using var services = Services(server.BaseUrl);

        var result = await FetchFuelSource(services);

        Assert.Equal(fixture, result.File!.Content);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_AlwaysServerError_ThrowsWithStatusAfterRetries()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var services = Services(server.BaseUrl, retries: 2);

        var error = await Assert.ThrowsAsync<FetchException>(() => FetchFuelSource(services));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("/outlook/history/20210314/fuelsource.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_SlowFirstAttempt_TimesOutAndRetries()
    {
        var fixture = TestFiles.Bytes("Caiso/Outlook/fuelsource_served.csv");
        await using var server = await LoopbackServer.StartAsync((context, number) =>
            number == 1 ? LoopbackServer.HangUntilAbortedAsync(context) : Serve(context, fixture));
        await using var services = Services(server.BaseUrl);

        var result = await FetchFuelSource(services);

        Assert.Equal(fixture, result.File!.Content);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_AlwaysSlow_ThrowsTimedOutNamingUrl()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.HangUntilAbortedAsync(context));
        // Attempts of 3 s, not 1 s: on a loaded machine a 1 s retry could time out before the server even counted it.
        await using var services = Services(server.BaseUrl, retries: 1, new() { ["Curtailment:Fetch:AttemptTimeout"] = "00:00:03" });

        var error = await Assert.ThrowsAsync<FetchException>(() => FetchFuelSource(services));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains("/outlook/history/20210314/fuelsource.csv", error.Url, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchAsync_BodyShorterThanContentLength_ThrowsFetchException()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("Time,Solar,Wind\n00:05,1"u8.ToArray());
            await context.Response.Body.FlushAsync();
        });
        await using var services = Services(server.BaseUrl);

        var error = await Assert.ThrowsAsync<FetchException>(() => FetchFuelSource(services));

        Assert.Contains("/outlook/history/20210314/fuelsource.csv", error.Url, StringComparison.Ordinal);
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_EmptyBody_ThrowsFetchException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, []));
        await using var services = Services(server.BaseUrl);

        var error = await Assert.ThrowsAsync<FetchException>(() => FetchFuelSource(services));

        Assert.Contains("empty body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.HangUntilAbortedAsync(context));
        await using var services = Services(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FetchFuelSource(services, cancel.Token));
    }

    [Fact]
    public void AddCurtailmentFeeds_TotalTimeoutNotAboveAttempt_FailsAtStartNamingSetting()
    {
        var error = StartupFailure(() => Services(new Uri("http://127.0.0.1:1/"), extra: new() { ["Curtailment:Fetch:TotalTimeout"] = "00:00:01" }));

        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCurtailmentFeeds_FeedBaseUrlNotHttp_FailsAtStartNamingSetting()
    {
        var error = StartupFailure(() => Services(new Uri("http://127.0.0.1:1/"), extra: new()
        {
            ["Curtailment:Feeds:BaseUrls:caiso-outlook-demand"] = "ftp://mirror.example/",
        }));

        Assert.Contains("Curtailment:Feeds:BaseUrls:caiso-outlook-demand", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The start-up validator reports every failing options instance together.</summary>
    private static OptionsValidationException StartupFailure(Action start)
    {
        var thrown = Assert.ThrowsAny<Exception>(start);
        var failures = thrown is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [thrown];
        return Assert.IsType<OptionsValidationException>(failures[0]);
    }
}
