using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Curtailment.Storage;

/// <summary>Registers the store selected by <see cref="StorageOptions"/>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the store behind its role interfaces; options are validated at start-up.</summary>
    public static IServiceCollection AddCurtailmentStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider switch
            {
                "Sqlite" => new SqliteStore(options.ConnectionString, sp.GetService<TimeProvider>() ?? TimeProvider.System),
                _ => throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions),
                    [$"Curtailment:Storage:Provider '{options.Provider}' is not available in this build."]),
            };
        });
        services.AddSingleton<IIngestStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IObservationReader>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IDataSummaryReader>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IObservationSnapshotSource>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IModelStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IForecastStore>(sp => sp.GetRequiredService<SqliteStore>());
        return services;
    }
}
