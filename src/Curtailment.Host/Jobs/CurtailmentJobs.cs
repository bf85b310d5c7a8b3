using Curtailment.Host.Options;
using Curtailment.Host.Security;
using Curtailment.Storage;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Jobs;

/// <summary>The Hangfire jobs: their storage (in memory, or PostgreSQL beside the store), the server of a worker role, and the dashboard.</summary>
public static class CurtailmentJobs
{
    /// <summary>Adds the jobs, their options and storage, the recurring-job registrar and, when this role runs jobs, a Hangfire server.</summary>
    public static WebApplicationBuilder AddCurtailmentJobs(this WebApplicationBuilder builder, HostRoleOptions role, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(storage);
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddSingleton<DashboardAuthorizationFilter>();
        services.AddTransient<IngestJob>();
        services.AddTransient<RetrainJob>();
        services.AddTransient<ForecastJob>();
        services.AddTransient<CleanupJob>();
        services.AddTransient<RetrainAllJob>();
        services.AddTransient<RegionCycleJob>();
        services.AddSingleton<ScheduleRunLog>();
        services.AddSingleton(provider => JobSchedule.Build(
            provider.GetRequiredService<IOptions<JobsOptions>>().Value,
            provider.GetRequiredService<IOptions<LiveOptions>>().Value,
            provider.GetRequiredService<Core.Regions.IRegionCatalog>(),
            provider.GetRequiredService<Ingestion.Feeds.FeedCatalog>()));

        var postgres = storage.Provider == StorageProvider.Postgres;
        services.AddHangfire((provider, configuration) =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (postgres)
            {
                var jobs = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
                var connectionString = provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
                configuration.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
                    UseSlidingInvisibilityTimeout = jobs.SlidingInvisibilityTimeout,
                    QueuePollInterval = TimeSpan.FromSeconds(jobs.QueuePollIntervalSeconds),
                });
            }
            else
            {
                configuration.UseInMemoryStorage(new InMemoryStorageOptions());
            }
        });
        if (postgres)
        {
            services.AddSingleton<IRegionJobLock, PostgresRegionJobLock>();
        }
        else
        {
            services.AddSingleton<IRegionJobLock, HangfireRegionJobLock>();
        }

        services.AddHostedService<RecurringJobRegistrar>();
        var runServer = builder.Configuration.GetValue<bool?>($"{JobsOptions.SectionName}:{nameof(JobsOptions.RunServer)}") ?? true;
        if (role.RunsJobs && runServer)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var roleOptions = provider.GetRequiredService<IOptions<HostRoleOptions>>().Value;
                server.WorkerCount = provider.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount;
                server.Queues = [.. roleOptions.EffectiveQueues];
                server.ServerName = roleOptions.ServerName ?? $"curtailment-{Environment.MachineName}-{roleOptions.Role.ToString().ToLowerInvariant()}";
            });
        }

        return builder;
    }

    /// <summary>Maps the Hangfire dashboard at <c>/hangfire</c>, behind its authorization filter.</summary>
    public static WebApplication MapCurtailmentJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [app.Services.GetRequiredService<DashboardAuthorizationFilter>()],
            DashboardTitle = "Curtailment jobs",
            AppPath = "/scalar",
        });
        return app;
    }
}
