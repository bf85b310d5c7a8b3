using System.Net;
using System.Net.Http.Json;
using System.Text;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Host.Options;
using Curtailment.Host.Startup;
using Curtailment.Ingestion.Feeds;
using Curtailment.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>
/// The live profile (<c>--live</c>) and the virtual clock: the recurring jobs it registers, the order of a day's runs
/// when the clock is advanced, and the advance endpoint's errors. CAISO's feeds point at a real Kestrel on loopback
/// that serves one day's Today's Outlook demand file in CAISO's layout and fails OASIS's load forecast.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveProfileTests : IAsyncLifetime
{
    private const string DemandPath = "/outlook/history/20250616/demand.csv";

    private static readonly byte[] DemandFile =
        "Time,Day ahead forecast,Hour ahead forecast,Current demand\n00:05,21000,20900,20950\n00:10,21010,20910,20960\n"u8.ToArray();

    private static readonly string[] CaisoFeeds =
    [
        "caiso-oasis-load-forecast", "caiso-oasis-renewables-forecast", "caiso-outlook-demand", "caiso-outlook-fuelsource",
        "caiso-production-workbook", "caiso-renewables-report", "eia930-ciso",
    ];

    private LoopbackServer _operator = null!;

    public async ValueTask InitializeAsync()
    {
        _operator = await LoopbackServer.StartAsync((context, _) => Serve(context));
    }

    public async ValueTask DisposeAsync()
    {
        await _operator.DisposeAsync();
    }

    private static Task Serve(HttpContext context) =>
        context.Request.Query["queryname"] == "SLD_FCST" ? LoopbackServer.Status(context, StatusCodes.Status500InternalServerError)
        : context.Request.Path == DemandPath ? LoopbackServer.Serve(context, DemandFile)
        : LoopbackServer.Status(context, StatusCodes.Status404NotFound);

    private Dictionary<string, string?> LiveSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Curtailment:Live:Enabled"] = "true",
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
            ["Curtailment:Fetch:MaxRetryAttempts"] = "1",
            ["Curtailment:Fetch:AttemptTimeout"] = "00:00:05",
            ["Curtailment:Fetch:TotalTimeout"] = "00:00:20",
        };
        foreach (var feed in CaisoFeeds)
        {
            settings[$"Curtailment:Feeds:BaseUrls:{feed}"] = _operator.BaseUrl.AbsoluteUri;
        }

        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public void RewriteSwitch_BareLive_BecomesTheSettingAndLeavesTheOtherArguments()
    {
        var args = LiveOptions.RewriteSwitch(["--live", "--urls", "http://127.0.0.1:5000"]);

        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        Assert.Equal("true", configuration["Curtailment:Live:Enabled"]);
        Assert.Equal("http://127.0.0.1:5000", configuration["urls"]);
    }

    [Fact]
    public async Task LiveSwitch_RegistersAnIngestJobPerFeedOfTheLiveRegions_AndWritesNoDemoData()
    {
        await using var host = HostFactory.Empty(LiveSettings(
            ("Curtailment:Startup:LoadDemoData", "true"),
            ("Curtailment:Startup:DemoDays", "3")));
        host.Client();
        var state = host.Services.GetRequiredService<StartupState>();
        using (var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            while (!state.Completed)
            {
                await Task.Delay(50, wait.Token);
            }
        }

        List<RecurringJobDto> jobs;
        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            jobs = connection.GetRecurringJobs();
        }

        var ingests = jobs.Where(j => j.Id.StartsWith("ingest:", StringComparison.Ordinal)).ToDictionary(j => j.Id);
        var liveFeeds = host.Services.GetRequiredService<FeedCatalog>().All.Where(f => f.RegionId is "CAISO" or "SA1").Select(f => "ingest:" + f.Name);
        Assert.Equal(liveFeeds.Order(StringComparer.Ordinal), ingests.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(8, ingests.Count);
        // The documented schedule (docs/deployment.md): the operator's publication time, in its zone.
        Assert.Equal(("0 10 * * *", "America/Los_Angeles", "ingest"), Describe(ingests["ingest:caiso-renewables-report"]));
        Assert.Equal(("0 9-23 * * *", "America/Los_Angeles", "ingest"), Describe(ingests["ingest:caiso-oasis-renewables-forecast"]));
        Assert.Equal(("5 0 * * *", "America/Los_Angeles", "ingest"), Describe(ingests["ingest:caiso-outlook-demand"]));
        Assert.Equal(("0 0 * * *", "Australia/Brisbane", "ingest"), Describe(ingests["ingest:aemo-price-demand-sa1"]));
        Assert.Equal(("0 1 * * *", "Etc/UTC", "ingest"), Describe(ingests["ingest:eia930-ciso"]));
        // Only the live regions' jobs.
        Assert.Equal(["forecast:CAISO", "forecast:SA1"], jobs.Select(j => j.Id).Where(id => id.StartsWith("forecast:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(("0 10 * * *", "Australia/Brisbane", "forecast"), Describe(jobs.Single(j => j.Id == "forecast:SA1")));
        // No demo data, although Curtailment:Startup:LoadDemoData is true.
        Assert.False(Directory.Exists(Path.Combine(host.Folder, "demo")), "demo files were written");
        Assert.Empty(await host.Services.GetRequiredService<IIngestStore>().ListRunsAsync(10, default));
        Assert.False(state.Failed, state.Status);
    }

    private static (string? Cron, string? Zone, string? Queue) Describe(RecurringJobDto job) => (job.Cron, job.TimeZoneId, job.Job?.Queue);

    [Fact]
    public async Task Advance_OverADay_RunsFeedsAtPublicationThenIngestRetrainForecastInOrderAtTen()
    {
        var start = new DateTimeOffset(2025, 6, 15, 18, 0, 0, TimeSpan.Zero);
        var to = start.AddDays(1);
        var ten = new DateTimeOffset(2025, 6, 16, 17, 0, 0, TimeSpan.Zero); // 10:00 Pacific (PDT)
        await using var host = await HostFactory.SeededAsync(LiveSettings(
            ("Curtailment:Live:Regions:0", "CAISO"),
            ("Curtailment:Clock:Mode", "Virtual"),
            ("Curtailment:Clock:Start", start.ToString("O")),
            // The retrain falls on the forecast instant, so the cycle must put it between the ingests and the forecast.
            ("Curtailment:Jobs:RetrainCron", "0 10 * * *")));
        var client = host.Client(withKey: true);
        var modelsBefore = (await host.Services.GetRequiredService<IModelStore>().ListModelsAsync("CAISO", default)).Count;

        var response = await client.PostAsJsonAsync("/api/v1/admin/clock/advance", new { to = "2025-06-16T18:00:00Z" });
        var summary = await Json.ReadAsync(response, HttpStatusCode.OK);

        var steps = summary["steps"]!.AsArray().Select(s => (Job: s!["jobId"]!.GetValue<string>(), At: s["at"]!.GetValue<DateTimeOffset>(), Outcome: s["outcome"]!.GetValue<string>())).ToList();
        // Each feed at its publication time: Today's Outlook at 00:05 Pacific.
        Assert.Contains(("ingest:caiso-outlook-demand", new DateTimeOffset(2025, 6, 16, 7, 5, 0, TimeSpan.Zero), "succeeded"), steps);
        // OASIS (published at 09:00 Pacific) is asked for every hour after that: the first run after the start (11:00).
        Assert.Contains(("ingest:caiso-oasis-renewables-forecast", new DateTimeOffset(2025, 6, 15, 19, 0, 0, TimeSpan.Zero), "succeeded"), steps);
        // At 10:00: the report's own job and the retrain step aside; the cycle refreshes every feed, retrains, forecasts.
        var atTen = steps.Where(s => s.At == ten).ToList();
        Assert.Contains(("ingest:caiso-renewables-report", ten, "steppedAside"), atTen);
        Assert.Contains(("retrain:CAISO", ten, "steppedAside"), atTen);
        var cycle = atTen.Where(s => s.Outcome != "steppedAside").Select(s => s.Job).ToList();
        Assert.Equal([.. CaisoFeeds.Select(f => "ingest:" + f), "retrain:CAISO", "forecast:CAISO"], cycle);
        Assert.Equal("succeeded", atTen.Single(s => s.Job == "forecast:CAISO").Outcome);

        // The failing feed is reported each time it ran, and stopped nothing.
        var failures = summary["failures"]!.AsArray().Select(f => (Job: f!["jobId"]!.GetValue<string>(), At: f["at"]!.GetValue<DateTimeOffset>(), Message: f["message"]!.GetValue<string>())).ToList();
        var loadFailures = failures.Where(f => f.Job == "ingest:caiso-oasis-load-forecast").Select(f => f.At).ToList();
        Assert.Contains(new DateTimeOffset(2025, 6, 16, 16, 0, 0, TimeSpan.Zero), loadFailures);
        Assert.Contains(ten, loadFailures);
        // Only OASIS: its repeated 500s may open the circuit of its host (shared by its two queries), no other host's.
        Assert.All(failures, f => Assert.StartsWith("ingest:caiso-oasis-", f.Job, StringComparison.Ordinal));
        Assert.Contains("500", failures[0].Message, StringComparison.Ordinal);

        // The effects, on the virtual clock: the demand file ingested at 00:05 Pacific, a model trained and a vintage issued at 10:00.
        var runs = await host.Services.GetRequiredService<IIngestStore>().ListRunsAsync(50, default);
        var demand = Assert.Single(runs, r => r.FileName == "20250616_demand.csv" && r.Status == IngestRunStatus.Succeeded);
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 7, 5, 0, TimeSpan.Zero), demand.StartedAt);
        var models = await host.Services.GetRequiredService<IModelStore>().ListModelsAsync("CAISO", default);
        Assert.Equal(modelsBefore + 1, models.Count);
        Assert.Equal(ten, models.MaxBy(m => m.Id)!.CreatedAt);
        var vintage = Assert.Single(await host.Services.GetRequiredService<IForecastStore>().ListForecastsAsync("CAISO", start, to, default));
        Assert.Equal(ten, vintage.IssuedAt);
        Assert.Contains(DemandPath, _operator.Paths);

        var clock = await Json.ReadAsync(await client.GetAsync("/api/v1/admin/clock"), HttpStatusCode.OK);
        Assert.Equal(to, clock["now"]!.GetValue<DateTimeOffset>());
        Assert.Equal(to, summary["to"]!.GetValue<DateTimeOffset>());
        Assert.True(summary["occurrencesRun"]!.GetValue<int>() >= 10, summary.ToJsonString());
    }

    [Fact]
    public async Task Advance_BadBody_AnswersProblemWithFieldErrors()
    {
        await using var host = HostFactory.Empty(LiveSettings(
            ("Curtailment:Clock:Mode", "Virtual"),
            ("Curtailment:Clock:Start", "2025-06-15T18:00:00Z")));
        var client = host.Client(withKey: true);
        var cases = new (string Body, string Field, string Says)[]
        {
            ("{\"to\": \"tomorrow\"}", "to", "ISO-8601"),
            ("{\"to\": \"2025-06-15T17:00:00Z\"}", "to", "not after the virtual clock"),
            ("{\"to\": \"2025-06-15T18:00:00Z\"}", "to", "not after the virtual clock"),
            ("{\"to\": 5}", "to", "must be a string"),
            ("{}", "to", "required"),
            ("[1]", "body", "JSON object"),
            ("{\"to\": ", "body", "not JSON"),
        };

        foreach (var (body, field, says) in cases)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var problem = await Json.ProblemAsync(await client.PostAsync("/api/v1/admin/clock/advance", content), HttpStatusCode.BadRequest);
            var messages = problem["errors"]?[field]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? [];
            Assert.True(messages.Any(m => m.Contains(says, StringComparison.Ordinal)), $"{body}: {problem.ToJsonString()}");
        }

        var clock = await Json.ReadAsync(await client.GetAsync("/api/v1/admin/clock"), HttpStatusCode.OK);
        Assert.Equal(new DateTimeOffset(2025, 6, 15, 18, 0, 0, TimeSpan.Zero), clock["now"]!.GetValue<DateTimeOffset>());
        var anonymous = await host.CreateClient().PostAsJsonAsync("/api/v1/admin/clock/advance", new { to = "2025-06-16T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Advance_WithoutVirtualClock_IsNotMapped()
    {
        await using var host = HostFactory.Empty(LiveSettings());
        var client = host.Client(withKey: true);

        var advance = await client.PostAsJsonAsync("/api/v1/admin/clock/advance", new { to = "2025-06-16T00:00:00Z" });
        var clock = await client.GetAsync("/api/v1/admin/clock");

        Assert.Equal(HttpStatusCode.NotFound, advance.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clock.StatusCode);
    }

    [Fact]
    public async Task VirtualClock_WithoutStart_RefusesToStartNamingTheSetting()
    {
        await using var host = HostFactory.Empty(new Dictionary<string, string?> { ["Curtailment:Clock:Mode"] = "Virtual" });

        var error = Assert.ThrowsAny<Exception>(() => host.Client());

        Assert.Contains("Curtailment:Clock:Start", error.ToString(), StringComparison.Ordinal);
    }
}
