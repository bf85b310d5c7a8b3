using System.Net;
using System.Net.Http.Json;
using Curtailment.Core.Observations;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using static Curtailment.ReplayServer.Tests.ReplayTestSupport;

namespace Curtailment.ReplayServer.Tests;

/// <summary>Each fault kind as the real feed sees it, and the control endpoints a host in another process drives.</summary>
[Trait("Category", "RealData")]
[Trait("Category", "Integration")]
public class ReplayServerFaultTests
{
    private const string Demand = "caiso-outlook-demand";
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly DateOnly Day = new(2021, 3, 10);

    /// <summary>The next local midnight after <see cref="Day"/>: its Outlook file is whole.</summary>
    private static DateTimeOffset AfterDay => LocalClock.DayBounds(Day, Pacific).End + TimeSpan.FromHours(1);

    /// <summary>
    /// Fetches another day first, so the cleaned files are loaded before the fault: a first load slower than the
    /// attempt timeout would let a retry, not the fault, decide the outcome.
    /// </summary>
    private static async Task WarmUpAsync(IOperatorFeed feed) =>
        Assert.Equal(FeedOutcome.Fetched, (await feed.FetchAsync(Day.AddDays(-1), default)).Outcome);

    [Fact]
    public async Task ServerError_Persistent_FailsTheFetchAfterEveryRetry()
    {
        await using var server = await StartAsync(AfterDay);
        await using var services = Feeds(server, retries: 2);
        await WarmUpAsync(services.Feed(Demand));
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.ServerError, Feed = Demand, Day = Day });

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Feed(Demand).FetchAsync(Day, default));
        var otherDay = await services.Feed(Demand).FetchAsync(Day.AddDays(-1), default);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(FeedOutcome.Fetched, otherDay.Outcome);
        Assert.Equal(1 + 3 + 1, server.Requests(Demand));
    }

    [Fact]
    public async Task ServerError_OneShot_IsRetriedAway()
    {
        await using var server = await StartAsync(AfterDay);
        await using var services = Feeds(server, retries: 2);
        await WarmUpAsync(services.Feed(Demand));
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.ServerError, Feed = Demand, Times = 2 });

        var result = await services.Feed(Demand).FetchAsync(Day, default);

        Assert.Equal(FeedOutcome.Fetched, result.Outcome);
        Assert.Equal(1 + 3, server.Requests(Demand));
    }

    [Fact]
    public async Task Timeout_LongerThanTheAttemptTimeout_FailsTheFetch()
    {
        await using var server = await StartAsync(AfterDay);
        await using var services = Feeds(server, retries: 1, attemptTimeout: "00:00:01");
        await WarmUpAsync(services.Feed(Demand));
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.Timeout, Feed = Demand, Hold = TimeSpan.FromMinutes(5) });

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Feed(Demand).FetchAsync(Day, default));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 2, server.Requests(Demand));
    }

    [Fact]
    public async Task Truncate_OneShot_FailsThatFetchAndTheNextOneIsWhole()
    {
        await using var server = await StartAsync(AfterDay);
        await using var services = Feeds(server);
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.Truncate, Feed = Demand, Day = Day, Times = 1 });
        var feed = services.Feed(Demand);

        await WarmUpAsync(feed);

        var error = await Assert.ThrowsAsync<FetchException>(() => feed.FetchAsync(Day, default));
        var batch = await feed.FetchAndImportAsync(Day, new CaisoOutlookImporter());

        Assert.Contains("cut off", error.Message, StringComparison.Ordinal);
        Assert.Equal(288, batch.Series(SeriesIds.Demand).Count);
    }

    [Fact]
    public async Task Late_Day_IsNotPublishedUntilTheDelayHasPassed()
    {
        await using var server = await StartAsync(DateTimeOffset.UnixEpoch);
        await using var services = Feeds(server);
        var feed = services.Feed("caiso-oasis-renewables-forecast");
        var expectedAt = feed.Publication.ExpectedAt(Day);
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.Late, Feed = feed.Name, Day = Day, Delay = TimeSpan.FromHours(3) });

        server.ReplayClock!.SetUtcNow(expectedAt + TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        var late = await feed.FetchAsync(Day, default);
        var dayBefore = await feed.FetchAsync(Day.AddDays(-1), default);
        server.ReplayClock.SetUtcNow(expectedAt + TimeSpan.FromHours(3));
        var arrived = await feed.FetchAsync(Day, default);

        Assert.Equal(FeedOutcome.NotPublishedYet, late.Outcome);
        Assert.Equal(FeedOutcome.Fetched, dayBefore.Outcome);
        Assert.Equal(FeedOutcome.Fetched, arrived.Outcome);
    }

    [Fact]
    public async Task Never_DailyFile_StaysUnpublished()
    {
        await using var server = await StartAsync(AfterDay + TimeSpan.FromDays(30));
        await using var services = Feeds(server);
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.Never, Feed = Demand, Day = Day });

        var result = await services.Feed(Demand).FetchAsync(Day, default);
        var fuel = await services.Feed("caiso-outlook-fuelsource").FetchAsync(Day, default);

        Assert.Equal(FeedOutcome.NotPublishedYet, result.Outcome);
        Assert.Equal(FeedOutcome.Fetched, fuel.Outcome);
    }

    [Fact]
    public async Task Never_DayOfTheYearlyWorkbook_LeavesOnlyThatDayOut()
    {
        var withheld = new DateOnly(2021, 3, 6);
        await using var server = await StartAsync(AfterDay + TimeSpan.FromDays(2));
        await using var services = Feeds(server);
        server.AddFault(new ReplayFault { Kind = ReplayFaultKind.Never, Feed = "caiso-production-workbook", Day = withheld });

        var batch = await services.Feed("caiso-production-workbook").FetchAndImportAsync(Day, new CaisoProductionImporter());

        var days = batch.Observations.Select(o => LocalClock.LocalDate(o.IntervalStart, Pacific)).ToHashSet();
        Assert.DoesNotContain(withheld, days);
        Assert.Contains(withheld.AddDays(-1), days);
        Assert.Contains(withheld.AddDays(1), days);
    }

    [Fact]
    public async Task ControlEndpoints_ClockAndFaults_DriveTheServerFromOutside()
    {
        await using var server = await StartAsync(DateTimeOffset.UnixEpoch);
        await using var services = Feeds(server);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var set = await http.PutAsJsonAsync("_replay/clock", new { utcNow = AfterDay });
        var advanced = await http.PutAsJsonAsync("_replay/clock", new { advance = "01:00:00" });
        var clock = await http.GetFromJsonAsync<Dictionary<string, DateTimeOffset>>("_replay/clock");
        var added = await http.PostAsJsonAsync("_replay/faults", new { kind = "Never", feed = Demand, day = "2021-03-10" });
        var withFault = await services.Feed(Demand).FetchAsync(Day, default);
        var cleared = await http.DeleteAsync("_replay/faults");
        var withoutFault = await services.Feed(Demand).FetchAsync(Day, default);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.Equal(AfterDay + TimeSpan.FromHours(1), clock!["utcNow"]);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(FeedOutcome.NotPublishedYet, withFault.Outcome);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(FeedOutcome.Fetched, withoutFault.Outcome);
    }

    [Theory]
    [InlineData("{\"kind\":\"Late\",\"feed\":\"caiso-outlook-demand\"}", "delay")]
    [InlineData("{\"kind\":\"ServerError\",\"feed\":\"caiso-nowhere\"}", "feed")]
    [InlineData("{\"kind\":\"Sometimes\"}", "kind")]
    [InlineData("{\"kind\":\"Never\",\"times\":2}", "times")]
    public async Task ControlEndpoints_BadFault_Answers400NamingTheField(string body, string field)
    {
        await using var server = await StartAsync(DateTimeOffset.UnixEpoch);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var response = await http.PostAsync("_replay/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, problem, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await http.GetFromJsonAsync<object[]>("_replay/faults") ?? []);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"utcNow\":\"2021-02-01T00:00:00Z\",\"advance\":\"01:00:00\"}")]
    [InlineData("{\"utcNow\":\"yesterday\"}")]
    public async Task ControlEndpoints_BadClock_Answers400AndLeavesTheClock(string body)
    {
        await using var server = await StartAsync(AfterDay);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var response = await http.PutAsync("_replay/clock", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("utcNow", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AfterDay, server.Clock.GetUtcNow());
    }
}
