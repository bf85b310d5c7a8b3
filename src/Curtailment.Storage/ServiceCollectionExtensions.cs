using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Storage.Postgres;
using Curtailment.Storage.Sql;
using Curtailment.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Curtailment.Storage;

/// <summary>Registers the store selected by <see cref="StorageOptions"/>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the store behind its role interfaces; options are validated at start-up (for PostgreSQL, that includes
    /// reaching the server).
    /// </summary>
    public static IServiceCollection AddCurtailmentStorage(this IServiceCollection services)
    {
        // Bound by hand: a provider the enum does not name fails validation naming the setting (StorageOptions.Read).
        services.AddOptions<StorageOptions>()
            .Configure<IConfiguration>((options, configuration) => options.BindFrom(configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, PostgresStorageValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return new SelectedStore(options.Provider switch
            {
                StorageProvider.Sqlite => new SqliteStore(options.ConnectionString, time),
                StorageProvider.Postgres => new PostgresStore(options.ConnectionString, time, sp.GetService<ILogger<PostgresStore>>()),
                _ => throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions),
                    [$"{StorageOptions.ProviderSetting} '{options.Provider}' is not available in this build."]),
            });
        });
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IIngestStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IObservationReader>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IDataSummaryReader>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IObservationSnapshotSource>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IModelStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IForecastStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IServingVersionReader>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IFeedStatusStore>());
        return services;
    }

    /// <summary>The one store instance behind every role interface; disposes it with the container.</summary>
    private sealed class SelectedStore(SqlStore store) : IDisposable, IAsyncDisposable
    {
        public T As<T>() where T : class => (T)(object)store;

        public void Dispose() => store.Dispose();

        public ValueTask DisposeAsync() => store.DisposeAsync();
    }
}
