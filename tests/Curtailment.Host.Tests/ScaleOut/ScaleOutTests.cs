using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Pipelines;
using Curtailment.Pipelines.Ingest;
using Curtailment.Simulation;
using Curtailment.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests.ScaleOut;

/// <summary>
/// The scale-out deployment for real: one PostgreSQL database, two API processes and two worker processes of the built
/// host sharing it (Hangfire.PostgreSql). Needs <c>CURTAILMENT_TEST_POSTGRES</c> (see <see cref="PostgresTestDatabase"/>).
/// </summary>
[Trait("Category", "ScaleOut")]
[Trait("Category", "Integration")]
public sealed class ScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private const string AdminKey = "scale-out-test-admin-key-0123456789";
    private const string NeverCron = "0 0 31 2 *"; // 31 February: recurring jobs only run when triggered.
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(6);

    private readonly PostgresTestDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-scaleout-").FullName;

    [Fact]
    public async Task RetrainAll_TwoWorkersOneKilledMidTraining_EveryRegionTrainedOnceServedEverywhereNoObservationLost()
    {
        _database.Require();

        var deadline = Stopwatch.StartNew();
        var sources = await SeedAsync();
        var environment = Environment(sources);

        await using var api1 = HostProcess.Start("api-1", "api", environment);
        await api1.WaitReadyAsync(TimeSpan.FromSeconds(90)); // The first process creates Hangfire's schema.
        await using var api2 = HostProcess.Start("api-2", "api", environment);
        await using var worker1 = HostProcess.Start("worker-1", "worker", With(environment, "Curtailment__Host__ServerName", "worker-1"));
        await using var worker2 = HostProcess.Start("worker-2", "worker", With(environment, "Curtailment__Host__ServerName", "worker-2"));
        try
        {
            foreach (var host in new[] { api2, worker1, worker2 })
            {
                await host.WaitReadyAsync(TimeSpan.FromSeconds(90));
            }

            // Workers serve health only; the API is on the api processes.
            Assert.Equal(HttpStatusCode.NotFound, (await worker1.Client.GetAsync("/api/v1/regions")).StatusCode);
            output.WriteLine($"{deadline.Elapsed}: four processes ready");

            // Re-ingesting the seeded files through the job changes nothing.
            var before = await _database.ObservationChecksumAsync();
            Assert.NotEmpty(before);
            var ingestJobs = new List<string>();
            for (var i = 0; i < sources.Count; i++)
            {
                ingestJobs.Add(await TriggerAsync(api1, $"ingest:seed-{i}"));
            }

            await WaitAsync(async () => (await JobsAsync()).Where(j => ingestJobs.Contains(j.Id)).All(j => j.State == "Succeeded"), "ingest jobs succeeded", deadline);
            Assert.Equal(before, await _database.ObservationChecksumAsync());
            output.WriteLine($"{deadline.Elapsed}: re-ingest of {sources.Count} sources left {before.Split('\n').Length - 1} series unchanged");

            // Fan out one retrain per region; kill worker-1 as soon as it has started one.
            var trigger = Stopwatch.StartNew();
            await TriggerAsync(api1, "retrain-all");
            List<HangfireJob> retrains = [];
            await WaitAsync(async () => (retrains = RetrainJobs(await JobsAsync())).Count == Catalogue.Ids.Count, "one retrain job per region enqueued", deadline);
            HangfireJob? killed = null;
            await WaitAsync(async () =>
            {
                killed = RetrainJobs(await JobsAsync()).FirstOrDefault(j => j.State == "Processing" && j.Servers.Any(s => s.StartsWith("worker-1:", StringComparison.Ordinal)));
                return killed is not null;
            }, "worker-1 to start a retrain job", deadline);
            await worker1.KillAsync();
            output.WriteLine($"{deadline.Elapsed}: killed worker-1 while it trained {killed!.Region} (job {killed.Id})");

            await WaitAsync(async () => (retrains = RetrainJobs(await JobsAsync())).All(j => j.State == "Succeeded"), "every retrain job succeeded", deadline);
            var trainWall = trigger.Elapsed;
            output.WriteLine($"{deadline.Elapsed}: all {retrains.Count} retrains succeeded {trainWall} after the trigger");

            Assert.Equal(Catalogue.Ids.Order(StringComparer.Ordinal), retrains.Select(j => j.Region).Order(StringComparer.Ordinal));
            Assert.All(retrains, j => Assert.Equal("train", j.Queue));
            var servers = retrains.SelectMany(j => j.Servers).Select(s => s.Split(':')[0]).ToHashSet();
            Assert.Contains("worker-1", servers);
            Assert.Contains("worker-2", servers);
            var takenOver = retrains.Single(j => j.Id == killed.Id);
            Assert.Equal("worker-2", takenOver.Servers[^1].Split(':')[0]);

            // Every region has one active model, and the other API process serves it.
            foreach (var region in retrains.Select(j => j.Region))
            {
                var active = (await ModelsAsync(api2, region)).Single(m => m!["status"]!.GetValue<string>() == "active")!;
                var served = await GetJsonAsync(api2, $"/api/v1/regions/{region}/forecast");
                Assert.Equal(active["modelVersion"]!.GetValue<string>(), served["modelVersion"]!.GetValue<string>());
            }

            // Activation through api-1 is served by api-2 within seconds.
            var caiso = await TriggerAsync(api1, "retrain:CAISO");
            await WaitAsync(async () => (await JobsAsync()).Single(j => j.Id == caiso).State == "Succeeded", "second CAISO retrain", deadline);
            var models = await ModelsAsync(api1, "CAISO");
            Assert.True(models.Count >= 2, $"expected two CAISO versions: {models.ToJsonString()}");
            var other = models.First(m => m!["status"]!.GetValue<string>() != "active")!;
            using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/models/{other["id"]!.GetValue<long>()}/activate"))
            {
                request.Headers.Add("X-Api-Key", AdminKey);
                var activated = await api1.Client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
            }

            var swap = Stopwatch.StartNew();
            var expected = other["modelVersion"]!.GetValue<string>();
            await WaitAsync(async () => (await GetJsonAsync(api2, "/api/v1/regions/CAISO/forecast"))["modelVersion"]!.GetValue<string>() == expected,
                $"api-2 serving {expected}", deadline, limit: TimeSpan.FromSeconds(10));
            output.WriteLine($"{deadline.Elapsed}: api-2 served {expected} {swap.Elapsed} after api-1 activated it");

            // Still nothing lost or duplicated after training, the kill and a second re-ingest.
            var again = await TriggerAsync(api1, "ingest:seed-0");
            await WaitAsync(async () => (await JobsAsync()).Single(j => j.Id == again).State == "Succeeded", "second ingest", deadline);
            Assert.Equal(before, await _database.ObservationChecksumAsync());
        }
        catch
        {
            foreach (var host in new[] { api1, api2, worker1, worker2 })
            {
                output.WriteLine($"===== {host.Name}\n{host.Output}");
            }

            throw;
        }
    }

    /// <summary>Writes 30 days of SYNTHETIC demo data for the four regions, one folder per importer setting, and ingests them into the database.</summary>
    private async Task<List<(string Folder, string Source, string? Region, string? Published)>> SeedAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Curtailment:Storage:Provider"] = "Postgres",
            ["Curtailment:Storage:ConnectionString"] = _database.ConnectionString,
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddCurtailment(withFetchers: false);
        await using var provider = services.BuildServiceProvider();
        var regions = provider.GetRequiredService<IRegionCatalog>();
        Assert.Equal(Catalogue.Ids, regions.All.Select(r => r.Id));
        var now = DateTimeOffset.UtcNow;
        var files = DemoDataWriter.Write(Path.Combine(_folder, "demo"), regions, new SimulationOptions
        {
            Start = LocalClock.LocalDate(now, TimeZoneInfo.Utc).AddDays(-28),
            Days = 30,
            Now = now,
        });
        var ingest = provider.GetRequiredService<IngestPipeline>();
        var groups = files.GroupBy(f => (f.Source, f.Region, f.Published)).ToList();
        var sources = new List<(string, string, string?, string?)>();
        for (var i = 0; i < groups.Count; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_folder, "inbox", $"seed-{i}")).FullName;
            foreach (var file in groups[i])
            {
                var path = Path.Combine(folder, Path.GetFileName(file.Path));
                File.Move(file.Path, path);
                var result = await ingest.IngestFileAsync(file.Source, path, file.Region, file.Published is null ? null : PublicationRule.Parse(file.Published), default);
                Assert.False(result.Failed, result.Run.Message);
            }

            sources.Add((folder, groups[i].Key.Source, groups[i].Key.Region, groups[i].Key.Published));
        }

        return sources;
    }

    private Dictionary<string, string> Environment(List<(string Folder, string Source, string? Region, string? Published)> sources)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Curtailment__Storage__Provider"] = "Postgres",
            ["Curtailment__Storage__ConnectionString"] = _database.ConnectionString!,
            ["Curtailment__Api__Keys__0"] = AdminKey,
            ["Curtailment__Api__RateLimitPermits"] = "100000",
            ["Curtailment__Startup__LoadDemoData"] = "false",
            ["Curtailment__Startup__TrainMissingModels"] = "false",
            ["Curtailment__Startup__IssueForecasts"] = "false",
            ["Curtailment__Training__EvaluationDays"] = "7",
            ["Curtailment__Training__WindowDays"] = "60",
            ["Curtailment__Model__Trees"] = "60",
            ["Curtailment__Model__Leaves"] = "16",
            ["Curtailment__Model__MinRowsPerLeaf"] = "20",
            ["Curtailment__Jobs__WorkerCount"] = "1",
            ["Curtailment__Jobs__InvisibilityTimeoutSeconds"] = "20",
            ["Curtailment__Jobs__QueuePollIntervalSeconds"] = "1",
            ["Curtailment__Jobs__RetrainCron"] = NeverCron,
            ["Curtailment__Jobs__ForecastCron"] = NeverCron,
            ["Curtailment__Jobs__CleanupCron"] = NeverCron,
            ["Logging__LogLevel__Hangfire"] = "Information",
        };
        for (var i = 0; i < sources.Count; i++)
        {
            var prefix = $"Curtailment__Jobs__Sources__{i}__";
            environment[prefix + "Name"] = $"seed-{i}";
            environment[prefix + "Source"] = sources[i].Source;
            environment[prefix + "Folder"] = sources[i].Folder;
            environment[prefix + "Cron"] = NeverCron;
            if (sources[i].Region is { } region)
            {
                environment[prefix + "Region"] = region;
            }

            if (sources[i].Published is { } published)
            {
                environment[prefix + "Published"] = published;
            }
        }

        return environment;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, string key, string value) =>
        new(environment) { [key] = value };

    private static async Task<string> TriggerAsync(HostProcess api, string job)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/jobs/{job}/trigger");
        request.Headers.Add("X-Api-Key", AdminKey);
        var response = await api.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"trigger {job}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["jobId"]!.GetValue<string>();
    }

    private static async Task<JsonArray> ModelsAsync(HostProcess api, string region)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/models?region={region}");
        request.Headers.Add("X-Api-Key", AdminKey);
        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    private static async Task<JsonNode> GetJsonAsync(HostProcess api, string path)
    {
        var response = await api.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, within the test's budget (and <paramref name="limit"/> if given).</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition, string what, Stopwatch test, TimeSpan? limit = null)
    {
        var own = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(test.Elapsed < Budget, $"timed out ({Budget}) waiting for {what}");
            Assert.True(limit is null || own.Elapsed < limit, $"not within {limit}: {what}");
            await Task.Delay(200);
        }
    }

    private static List<HangfireJob> RetrainJobs(IEnumerable<HangfireJob> jobs) =>
        jobs.Where(j => j.Type.StartsWith("Curtailment.Host.Jobs.RetrainJob,", StringComparison.Ordinal)).ToList();

    /// <summary>Hangfire's own record of every job: type, region argument, current state, queue and the servers that processed it.</summary>
    private async Task<List<HangfireJob>> JobsAsync()
    {
        var jobs = await _database.RowsAsync("SELECT id::text, COALESCE(statename, ''), invocationdata::text, arguments::text FROM hangfire.job ORDER BY id");
        var states = await _database.RowsAsync("SELECT jobid::text, name, data::text FROM hangfire.state ORDER BY id");
        var result = new List<HangfireJob>();
        foreach (var job in jobs)
        {
            var invocation = JsonNode.Parse(job[2])!;
            var arguments = JsonNode.Parse(job[3])?.AsArray();
            var first = arguments is { Count: > 0 } && arguments[0]?.GetValue<string>() is { } json ? JsonNode.Parse(json)?.GetValue<string>() : null;
            var own = states.Where(s => s[0] == job[0]).Select(s => (Name: s[1], Data: JsonNode.Parse(s[2]))).ToList();
            result.Add(new HangfireJob(
                job[0],
                invocation["Type"]?.GetValue<string>() ?? invocation["t"]?.GetValue<string>() ?? "",
                first ?? "",
                job[1],
                own.Where(s => s.Name == "Enqueued").Select(s => s.Data?["Queue"]?.GetValue<string>()).LastOrDefault() ?? "",
                own.Where(s => s.Name == "Processing").Select(s => s.Data?["ServerId"]?.GetValue<string>() ?? "").ToList()));
        }

        return result;
    }

    private sealed record HangfireJob(string Id, string Type, string Region, string State, string Queue, List<string> Servers);

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
