using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Storage.Postgres;
using Curtailment.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Curtailment.Storage.Tests;

/// <summary>
/// <c>Curtailment:Storage:Provider=Postgres</c> through <see cref="ServiceCollectionExtensions.AddCurtailmentStorage"/>:
/// a bad or unreachable server stops the start with a message naming the setting, and the password shows nowhere.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PostgresStorageRegistrationTests : IDisposable
{
    private const string Password = "Sup3r-S3cret-Pw";

    private readonly PostgresTestDatabase _database = new();
    private readonly CapturingLogger _logs = new();

    [Fact]
    public void StartupValidation_UnreachableServer_FailsNamingTheSettingWithoutThePassword()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        using var services = Build($"Host=127.0.0.1;Port=1;Database=curtailment;Username=app;Password={Password};Timeout=5");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Curtailment:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Host=127.0.0.1;Port=1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void StartupValidation_SqliteConnectionStringLeftInPlace_FailsNamingTheSetting()
    {
        using var services = Build(connectionString: null); // the default, "Data Source=curtailment.db"

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Curtailment:Storage:ConnectionString is not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_WrongPassword_FailsWithTheServersReasonButNotThePassword()
    {
        _database.Require();

        using var services = Build(_database.WithPassword(Password));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IIngestStore>());

        Assert.Contains("Curtailment:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("28P01", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCurtailmentStorage_Postgres_EveryRoleIsTheOneMigratedStoreAndItLogsNoPassword()
    {
        _database.Require();

        var password = new Npgsql.NpgsqlConnectionStringBuilder(_database.ConnectionString).Password!;
        await using var services = Build(_database.ConnectionString);
        services.GetRequiredService<IStartupValidator>().Validate();

        var store = Assert.IsType<PostgresStore>(services.GetRequiredService<IIngestStore>());
        await store.SaveAsync(new ImportBatch("test", "a.csv") { Observations = { new Observation("CAISO", SeriesIds.Demand, DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1), 1, "test", DateTimeOffset.UnixEpoch) } }, "h", DateTimeOffset.UnixEpoch, default);

        Assert.Same(store, services.GetRequiredService<IObservationReader>());
        Assert.Same(store, services.GetRequiredService<IDataSummaryReader>());
        Assert.Same(store, services.GetRequiredService<IObservationSnapshotSource>());
        Assert.Same(store, services.GetRequiredService<IModelStore>());
        Assert.Same(store, services.GetRequiredService<IForecastStore>());
        Assert.Same(store, services.GetRequiredService<IServingVersionReader>());
        Assert.Contains(_logs.Messages, m => m.Contains("Applied PostgreSQL schema version 1", StringComparison.Ordinal) && m.Contains(_database.Name, StringComparison.Ordinal));
        Assert.Contains(_logs.Messages, m => m.Contains("Stored 1 observations", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(password, StringComparison.Ordinal));
    }

    public void Dispose() => _database.Dispose();

    private ServiceProvider Build(string? connectionString)
    {
        var settings = new Dictionary<string, string?> { ["Curtailment:Storage:Provider"] = "Postgres" };
        if (connectionString is not null)
        {
            settings["Curtailment:Storage:ConnectionString"] = connectionString;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<ILogger<PostgresStore>>(_logs);
        services.AddCurtailmentStorage();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>Keeps every formatted log message of the store.</summary>
    private sealed class CapturingLogger : ILogger<PostgresStore>
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
            }
        }
    }
}
