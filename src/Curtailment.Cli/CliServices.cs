using Curtailment.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Curtailment.Cli;

/// <summary>
/// The CLI's composition root: configuration from environment variables (<c>Curtailment__...</c>),
/// overridden by <c>--db</c>, and the same registrations the host uses.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(string? dbPath, bool verbose, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (!string.IsNullOrWhiteSpace(dbPath))
        {
            overrides["Curtailment:Storage:Provider"] = "Sqlite";
            overrides["Curtailment:Storage:ConnectionString"] = $"Data Source={dbPath}";
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Error));
        services.AddCurtailment();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
