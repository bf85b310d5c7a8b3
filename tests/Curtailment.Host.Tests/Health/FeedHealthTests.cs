using System.Net;
using Curtailment.Core.Observations;
using Curtailment.Host.Jobs;
using Curtailment.Ingestion.Fetching;
using Curtailment.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests.Health;

/// <summary>
/// Per-feed health over the real host (SQLite file, Kestrel) with two feeds pointed at a loopback "CAISO": the demand
/// file is served, the fuel-source file always answers 500 (or, switched, a file its importer refuses).
/// </summary>
[Trait("Category", "Integration")]
public sealed class FeedHealthTests : IAsyncLifetime
{
    // SeededDatabase.Now is 2025-06-15 10:30 Pacific: the 14th is whole, the 15th "not published yet" here.
    private const string DemandDay = "/outlook/history/20250614/demand.csv";
    private const string FuelDay = "/outlook/history/20250614/fuelsource.csv";

    private static readonly byte[] DemandFile =
        "Time,Day ahead forecast,Hour ahead forecast,Current demand\n00:05,21000,20900,20950\n00:10,21010,20910,20960\n"u8.ToArray();

    private static readonly byte[] BrokenFuelFile = "Hour,Nothing,We,Know\n1,2,3,4\n"u8.ToArray();

    private static readonly byte[] FuelFile =
        "Time,Solar,Wind,Geothermal,Biomass,Biogas,Small hydro,Coal,Nuclear,Natural Gas,Large Hydro,Batteries,Imports,Other\n00:00,-38,1510,940,300,190,150,12,2200,8000,650,-40,9400,0\n"u8.ToArray();

    private LoopbackServer _operator = null!;
    private HostFactory _host = null!;
    private byte[]? _fuelServes;

    public async ValueTask InitializeAsync()
    {
        _operator = await LoopbackServer.StartAsync((context, _) => Serve(context));

        _host = await HostFactory.SeededAsync(new Dictionary<string, string?>
        {
            ["Curtailment:Jobs:Sources:0:Name"] = "outlook-demand",
            ["Curtailment:Jobs:Sources:0:Feed"] = "caiso-outlook-demand",
            ["Curtailment:Jobs:Sources:0:LookbackDays"] = "2",
            ["Curtailment:Jobs:Sources:1:Name"] = "outlook-fuel",
            ["Curtailment:Jobs:Sources:1:Feed"] = "caiso-outlook-fuelsource",
            ["Curtailment:Jobs:Sources:1:LookbackDays"] = "2",
            ["Curtailment:Fetch:CaisoBaseUrl"] = _operator.BaseUrl.AbsoluteUri,
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
        context.Request.Path == DemandDay ? LoopbackServer.Serve(context, DemandFile)
        : context.Request.Path != FuelDay ? LoopbackServer.Status(context, StatusCodes.Status404NotFound)
        : _fuelServes is { } fuel ? LoopbackServer.Serve(context, fuel)
        : LoopbackServer.Status(context, StatusCodes.Status500InternalServerError);

    private IngestJob Job() => _host.Services.CreateScope().ServiceProvider.GetRequiredService<IngestJob>();

    [Fact]
    public async Task Feeds_OneFeedFailsWhileAnotherSucceeds_ApiListsBothAndReadyIsDegradedNamingTheFailingFeed()
    {
        await Job().RunAsync("outlook-demand", default);
        await Assert.ThrowsAsync<FetchException>(() => Job().RunAsync("outlook-fuel", default));
        await Assert.ThrowsAsync<FetchException>(() => Job().RunAsync("outlook-fuel", default));
        var client = _host.Client();

        var feeds = await Json.ReadAsync(await client.GetAsync("/api/v1/feeds"), HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        var report = await Json.ReadAsync(ready, HttpStatusCode.OK);

        Assert.Equal(1, feeds["failing"]!.GetValue<int>());
        var list = feeds["feeds"]!.AsArray();
        Assert.Equal(["caiso-outlook-demand", "caiso-outlook-fuelsource"], list.Select(f => f!["feed"]!.GetValue<string>()));
        var demand = list[0]!;
        Assert.Equal("ok", demand["status"]!.GetValue<string>());
        Assert.Equal("CAISO", demand["region"]!.GetValue<string>());
        Assert.Equal("2025-06-14", demand["newestPeriod"]!.GetValue<string>());
        Assert.Equal(SeededDatabase.Now, demand["lastSuccessAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(demand["lastError"]);
        var fuel = list[1]!;
        Assert.Equal("failing", fuel["status"]!.GetValue<string>());
        Assert.Equal(2, fuel["consecutiveFailures"]!.GetValue<int>());
        Assert.Null(fuel["lastSuccessAt"]);
        Assert.Contains("20250614/fuelsource.csv", fuel["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("500", fuel["lastError"]!.GetValue<string>(), StringComparison.Ordinal);

        // Degraded, still 200: the host keeps serving; the failing feed is named, the other still listed as healthy.
        Assert.Equal("Degraded", report["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["store"]!["status"]!.GetValue<string>());
        var failing = report["checks"]!["feed:caiso-outlook-fuelsource"]!;
        Assert.Equal("Degraded", failing["status"]!.GetValue<string>());
        Assert.Contains("fuelsource.csv", failing["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Healthy", report["checks"]!["feed:caiso-outlook-demand"]!["status"]!.GetValue<string>());
        Assert.Contains("caiso-outlook-fuelsource", report["checks"]!["feeds"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_ImporterRefusesTheFile_FeedFailsWithFileLineAndColumnAndTheJobDoesNotThrow()
    {
        _fuelServes = BrokenFuelFile;

        var results = await Job().RunAsync("outlook-fuel", default);
        var feeds = await Json.ReadAsync(await _host.Client().GetAsync("/api/v1/feeds"), HttpStatusCode.OK);

        Assert.True(Assert.Single(results).Failed);
        var fuel = Assert.Single(feeds["feeds"]!.AsArray())!;
        Assert.Equal("failing", fuel["status"]!.GetValue<string>());
        Assert.Contains("20250614_fuelsource.csv", fuel["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("line", fuel["lastError"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(fuel["newestPeriod"]);
    }

    [Fact]
    public async Task Feeds_FailingFeedRecovers_ReadyIsHealthyAgainAndTheLastErrorStaysVisible()
    {
        await Assert.ThrowsAsync<FetchException>(() => Job().RunAsync("outlook-fuel", default));
        _fuelServes = FuelFile;
        _host.Time.Advance(TimeSpan.FromMinutes(30));

        await Job().RunAsync("outlook-fuel", default);
        var client = _host.Client();
        var report = await Json.ReadAsync(await client.GetAsync("/health/ready"), HttpStatusCode.OK);
        var feeds = await Json.ReadAsync(await client.GetAsync("/api/v1/feeds"), HttpStatusCode.OK);

        Assert.Equal("Healthy", report["checks"]!["feed:caiso-outlook-fuelsource"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["feeds"]!["status"]!.GetValue<string>());
        var fuel = Assert.Single(feeds["feeds"]!.AsArray())!;
        Assert.Equal("ok", fuel["status"]!.GetValue<string>());
        Assert.Equal(0, fuel["consecutiveFailures"]!.GetValue<int>());
        Assert.Equal(SeededDatabase.Now.AddMinutes(30), fuel["lastSuccessAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(SeededDatabase.Now, fuel["lastErrorAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains("500", fuel["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FetchedFile_ValuesArePublishedNoEarlierThanTheirReceipt()
    {
        await Job().RunAsync("outlook-demand", default);
        var reader = _host.Services.GetRequiredService<IObservationReader>();
        var query = (DateTimeOffset asOf) => new ObservationQuery("CAISO", SeriesIds.Demand, new DateTimeOffset(2025, 6, 14, 7, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 6, 14, 7, 10, 0, TimeSpan.Zero), asOf);

        var before = await reader.ReadAsync(query(SeededDatabase.Now.AddSeconds(-1)), default);
        var at = await reader.ReadAsync(query(SeededDatabase.Now), default);

        // The rule says "at the interval's end" (2025-06-14 07:10Z), but the file arrived at the host's now.
        Assert.DoesNotContain(before, o => o.Source == "caiso-outlook");
        Assert.Contains(at, o => o.Value == 20950 && o.Source == "caiso-outlook" && o.PublishedAt == SeededDatabase.Now);
    }
}
