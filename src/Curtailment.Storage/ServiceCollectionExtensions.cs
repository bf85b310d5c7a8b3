using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Observations;
using Curtailment.Storage.Postgres;
using Curtailment.Storage.Sqlite;
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
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, PostgresStorageValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return new SelectedStore(options.Provider switch
            {
                "Sqlite" => new SqliteStore(options.ConnectionString, time),
                "Postgres" => new PostgresStore(options.ConnectionString, time, sp.GetService<ILogger<PostgresStore>>()),
                _ => throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions),
                    [$"Curtailment:Storage:Provider '{options.Provider}' is not available in this build."]),
            });
        });
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IIngestStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IObservationReader>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IDataSummaryReader>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IObservationSnapshotSource>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IModelStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IForecastStore>());
        services.AddSingleton(sp => sp.GetRequiredService<SelectedStore>().As<IServingVersionReader>());
        return services;
    }

    /// <summary>The one store instance behind every role interface; disposes it with the container.</summary>
    private sealed class SelectedStore(object store) : IDisposable, IAsyncDisposable
    {
        public T As<T>() where T : class => (T)store;

        public void Dispose() => (store as IDisposable)?.Dispose();

        public ValueTask DisposeAsync() => store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }
}
