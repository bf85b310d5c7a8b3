using System.Net;
using System.Text.Json.Nodes;
using Curtailment.Testing;
using Npgsql;

namespace Curtailment.Host.Tests.ScaleOut;

/// <summary>
/// How the built host starts (or refuses to) in a scale-out deployment: the role and queue settings, PostgreSQL down at
/// start for a worker (waits with backoff) and for an API process (refuses), a wrong password (never shown). Tests that
/// need a real server use <c>CURTAILMENT_TEST_POSTGRES</c> (see <see cref="PostgresTestDatabase"/>); the others point the
/// host at a loopback port nothing listens on.
/// </summary>
[Trait("Category", "ScaleOut")]
[Trait("Category", "Integration")]
public sealed class StartupFaultTests : IDisposable
{
    private const string AdminKey = "scale-out-test-admin-key-0123456789";
    private const string Password = "N0t-The-Real-Pa55word";
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(2);

    private PostgresTestDatabase? _database;

    [Theory]
    [InlineData("bogus")]
    [InlineData("workers")]
    [InlineData("1")]
    public async Task Start_UnknownRole_RefusesNamingTheOptionAndTheRoles(string role)
    {
        await using var host = HostProcess.Start("host", role, Environment(Unreachable()));

        var exit = await host.WaitForExitAsync(Start);

        Assert.Equal(1, exit);
        Assert.Contains($"--role (Curtailment:Host:Role) '{role}' is not a role: all, api or worker.", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WorkerWithUnknownQueue_RefusesNamingTheSettingWithoutWaitingForPostgres()
    {
        var environment = Environment(Unreachable());
        environment["Curtailment__Host__Queues__0"] = "train";
        environment["Curtailment__Host__Queues__1"] = "trian";
        await using var worker = HostProcess.Start("worker", "worker", environment);

        var exit = await worker.WaitForExitAsync(Start);

        Assert.Equal(1, exit);
        Assert.Contains("Curtailment:Host:Queues:1 'trian' is not a queue (ingest, train, forecast, default).", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", worker.Output, StringComparison.Ordinal); // refused before waiting
    }

    [Theory]
    [InlineData("api")]
    [InlineData("all")]
    public async Task Start_ApiWithPostgresDown_RefusesAtOnceNamingTheSettingWithoutThePassword(string role)
    {
        await using var host = HostProcess.Start(role, role, Environment(Unreachable()));

        var exit = await host.WaitForExitAsync(Start);

        Assert.Equal(1, exit);
        Assert.Contains("Curtailment host refused to start: Curtailment:Storage:ConnectionString: cannot connect to PostgreSQL at Host=127.0.0.1;Port=", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable (attempt", host.Output, StringComparison.Ordinal); // an API process does not wait
        Assert.DoesNotContain(Password, host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Start_WrongPassword_RefusesWithTheServersReasonAndNeverThePassword(string role)
    {
        var database = Database();

        var wrong = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = Password }.ConnectionString;
        await using var host = HostProcess.Start(role, role, Environment(wrong));

        // A worker does not wait for a server that answers "no": it refuses as an API process does.
        var exit = await host.WaitForExitAsync(Start);

        Assert.Equal(1, exit);
        Assert.Contains("Curtailment host refused to start: Curtailment:Storage:ConnectionString:", host.Output, StringComparison.Ordinal);
        Assert.Contains("28P01", host.Output, StringComparison.Ordinal); // the server's "password authentication failed"
        Assert.DoesNotContain(Password, host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WorkerBeforePostgres_RetriesWithBackoffSaysSoAndStartsWhenItIsReachable()
    {
        var database = Database();

        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var port = HostProcess.FreePort();
        var environment = Environment(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString);
        environment["Curtailment__Host__ServerName"] = "early-worker";
        await using var worker = HostProcess.Start("early-worker", "worker", environment);

        // Nothing listens yet: the worker retries, one second and then two seconds apart.
        await worker.WaitForOutputAsync("(attempt 2)", Start);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port}/{database.Name} unreachable (attempt 1)", worker.Output, StringComparison.Ordinal);
        Assert.Contains("retrying in 1s", worker.Output, StringComparison.Ordinal);
        Assert.Contains("retrying in 2s", worker.Output, StringComparison.Ordinal);
        Assert.Empty(await database.RowsAsync("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'hangfire'"));

        // PostgreSQL "comes up" at that port.
        await using var forwarder = TcpForwarder.Start(port, server.Host!, server.Port);
        await worker.WaitReadyAsync(Start);

        Assert.Contains($"PostgreSQL at 127.0.0.1:{port}/{database.Name} is reachable after", worker.Output, StringComparison.Ordinal);
        Assert.True(forwarder.Accepted > 0);
        var servers = await database.RowsAsync("SELECT id FROM hangfire.server");
        Assert.Contains(servers, s => s[0].StartsWith("early-worker:", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Password!, worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TrainOnlyWorkerBesideAnApi_TakesExactlyItsQueuesAndTheDashboardNeverShowsThePassword()
    {
        var database = Database();

        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password!;
        var environment = Environment(database.ConnectionString!);
        await using var api = HostProcess.Start("api", "api", environment);
        await api.WaitReadyAsync(Start); // creates Hangfire's schema
        var trainer = new Dictionary<string, string>(environment)
        {
            ["Curtailment__Host__ServerName"] = "trainer",
            ["Curtailment__Host__Queues__0"] = "train",
            ["Curtailment__Host__Queues__1"] = "forecast",
        };
        await using var worker = HostProcess.Start("trainer", "worker", trainer);
        await worker.WaitReadyAsync(Start);

        // Hangfire's own record of the worker's server: the queues it polls, in order, and nothing else (the
        // configuration binder appends to a filled default array, which would add all four).
        var row = Assert.Single(await database.RowsAsync("SELECT data FROM hangfire.server WHERE id LIKE 'trainer:%'"));
        var queues = JsonNode.Parse(row[0])!["Queues"]!.AsArray().Select(q => q!.GetValue<string>());
        Assert.Equal(["train", "forecast"], queues);

        foreach (var path in new[] { "/hangfire", "/hangfire/servers", "/hangfire/jobs/enqueued", "/hangfire/recurring", "/metrics", "/health/ready" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", AdminKey);
            var response = await api.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(password, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(password, api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, worker.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _database?.Dispose();

    /// <summary>The test's database; skips the test without a server (fails it where CI requires one).</summary>
    private PostgresTestDatabase Database()
    {
        _database ??= new PostgresTestDatabase("curtailment_scaleout");
        _database.Require();
        return _database;
    }

    /// <summary>A connection string to a loopback port nothing listens on, carrying <see cref="Password"/>.</summary>
    private static string Unreachable() =>
        $"Host=127.0.0.1;Port={HostProcess.FreePort()};Database=curtailment;Username=curtailment;Password={Password};Timeout=5";

    private static Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Curtailment__Storage__Provider"] = "Postgres",
        ["Curtailment__Storage__ConnectionString"] = connectionString,
        ["Curtailment__Api__Keys__0"] = AdminKey,
        ["Curtailment__Startup__LoadDemoData"] = "false",
        ["Curtailment__Startup__TrainMissingModels"] = "false",
        ["Curtailment__Startup__IssueForecasts"] = "false",
        ["Curtailment__Host__StorageWaitSeconds"] = "600",
        ["Curtailment__Jobs__WorkerCount"] = "1",
        ["Curtailment__Jobs__QueuePollIntervalSeconds"] = "1",
        ["Curtailment__Jobs__RetrainCron"] = "0 0 31 2 *",
        ["Curtailment__Jobs__ForecastCron"] = "0 0 31 2 *",
        ["Curtailment__Jobs__CleanupCron"] = "0 0 31 2 *",
    };
}
