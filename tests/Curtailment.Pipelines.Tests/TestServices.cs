using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Curtailment.Pipelines.Tests;

/// <summary>The production composition (<c>AddCurtailment</c>) over a real SQLite file in a temp folder and a fake clock.</summary>
internal sealed class TestServices : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-pipelines-").FullName;

    public TestServices(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Time = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Curtailment:Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder, "store.db")}",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddCurtailment();
        Provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public string Folder => _folder;

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public void Dispose()
    {
        Provider.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
