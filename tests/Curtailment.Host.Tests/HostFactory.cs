using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Curtailment.Host.Tests;

/// <summary>
/// The real host (<see cref="CurtailmentHost.BuildApp"/>) on real Kestrel on a loopback port, over its own
/// SQLite file, with a fake clock and the start-up task's heavy steps off unless a test turns them on.
/// </summary>
internal sealed class HostFactory : WebApplicationFactory<CurtailmentHost>
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _folder;

    private HostFactory(string folder, string dbPath, IDictionary<string, string?>? settings, DateTimeOffset now)
    {
        _folder = folder;
        DbPath = dbPath;
        Time = new FakeTimeProvider(now);
        _settings = new Dictionary<string, string?>(SeededDatabase.TrainingSettings)
        {
            ["Curtailment:Storage:ConnectionString"] = $"Data Source={dbPath}",
            ["Curtailment:Api:Keys:0"] = ApiKey,
            ["Curtailment:Api:RateLimitPermits"] = "100000",
            ["Curtailment:Startup:LoadDemoData"] = "false",
            ["Curtailment:Startup:TrainMissingModels"] = "false",
            ["Curtailment:Startup:IssueForecasts"] = "false",
            ["Curtailment:Startup:DemoFolder"] = Path.Combine(folder, "demo"),
            ["Curtailment:Model:Trees"] = "30",
            ["Curtailment:Model:Leaves"] = "8",
            ["Curtailment:Model:MinRowsPerLeaf"] = "20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public FakeTimeProvider Time { get; }

    public string DbPath { get; }

    public string Folder => _folder;

    /// <summary>A host over a copy of the seeded store.</summary>
    public static async Task<HostFactory> SeededAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("curtailment-host-").FullName;
        var db = await SeededDatabase.CopyToAsync(folder);
        return new HostFactory(folder, db, settings, SeededDatabase.Now);
    }

    /// <summary>A host over an empty store.</summary>
    public static HostFactory Empty(IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("curtailment-host-").FullName;
        return new HostFactory(folder, Path.Combine(folder, "store.db"), settings, SeededDatabase.Now);
    }

    /// <summary>A client of the running server, with the API key when <paramref name="withKey"/>.</summary>
    public HttpClient Client(bool withKey = false)
    {
        StartServer();
        var client = CreateClient();
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        // The host reads some settings while it registers services (role, storage, whether to run a Hangfire server),
        // before the collection above is applied: pass every setting as a host setting too, as the command line would.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // A host on the virtual clock keeps its own (the advance endpoint moves it); the others run on the fake clock.
        if (!string.Equals(_settings.GetValueOrDefault("Curtailment:Clock:Mode"), "Virtual", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing background job; the temp folder is cleaned by the OS.
            }
        }
    }
}
