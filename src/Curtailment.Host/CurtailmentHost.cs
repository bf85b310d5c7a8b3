using System.Diagnostics;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Curtailment.Host.Api;
using Curtailment.Host.Endpoints;
using Curtailment.Host.Errors;
using Curtailment.Host.Health;
using Curtailment.Host.Jobs;
using Curtailment.Host.Observability;
using Curtailment.Host.Options;
using Curtailment.Host.Security;
using Curtailment.Host.Startup;
using Curtailment.Pipelines;
using Curtailment.Storage;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Curtailment.Host;

/// <summary>
/// The service host: prediction API, Hangfire server and dashboard, OpenAPI page, health and metrics.
/// <c>Program.cs</c> starts it through <see cref="BuildApp(string[])"/> (<c>curtail serve</c> starts that program, ADR 0009).
/// </summary>
public sealed class CurtailmentHost
{
    // Not static only so that tests can name it as WebApplicationFactory's entry-point type.
    private CurtailmentHost()
    {
    }

    /// <summary>Rate-limit policy of the API.</summary>
    public const string RateLimitPolicy = "api";

    /// <summary>
    /// Builds the application from command-line arguments (<c>--urls</c>, <c>--role all|api|worker</c>,
    /// <c>--Curtailment:Storage:ConnectionString=...</c>).
    /// </summary>
    public static WebApplication BuildApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--role"] = $"{HostRoleOptions.SectionName}:{nameof(HostRoleOptions.Role)}" });
        var role = HostRoleOptions.Read(builder.Configuration);
        var storage = StorageOptions.Read(builder.Configuration);
        if (role.Role == HostRole.Worker && storage.Provider == StorageProvider.Postgres)
        {
            using var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
            PostgresStartupWait.WaitForServer(storage.ConnectionString, TimeSpan.FromSeconds(role.StorageWaitSeconds), loggers.CreateLogger(typeof(CurtailmentHost)));
        }

        AddServices(builder, role, storage);
        var app = builder.Build();
        // Validate the store's options before anything opens job storage, so that an unreachable PostgreSQL is
        // reported by the validator's message (naming the setting) rather than by Hangfire's connection error.
        _ = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<HostRoleOptions>>().Value;
        Configure(app, role);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder, HostRoleOptions role, StorageOptions storage)
    {
        var services = builder.Services;
        services.AddCurtailment();
        services.AddMetrics();

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StartupOptions>().BindConfiguration(StartupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostRoleOptions>().BindConfiguration(HostRoleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<CurtailmentExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddOpenApi();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = api.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(api.RateLimitWindowSeconds),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = "The rate limit (Curtailment:Api:RateLimitPermits per Curtailment:Api:RateLimitWindowSeconds) was reached; retry later.",
                    },
                });
            };
        });

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [OperationsEndpoints.ReadyTag])
            .AddCheck<StartupHealthCheck>("startup", tags: [OperationsEndpoints.ReadyTag]);

        services.AddSingleton<StartupState>();
        services.AddCurtailmentMetrics(builder.Configuration);
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<DashboardAuthorizationFilter>();
        services.AddSingleton<ForecastService>();
        services.AddHostedService<StartupTask>();

        services.AddTransient<IngestJob>();
        services.AddTransient<RetrainJob>();
        services.AddTransient<ForecastJob>();
        services.AddTransient<CleanupJob>();
        AddJobs(builder, role, storage);
    }

    private static void AddJobs(WebApplicationBuilder builder, HostRoleOptions role, StorageOptions storage)
    {
        var services = builder.Services;
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

        services.AddTransient<RetrainAllJob>();
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
    }

    private static void Configure(WebApplication app, HostRoleOptions role)
    {
        var metrics = app.Services.GetRequiredService<CurtailmentMetrics>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                metrics.Request(context.Response.StatusCode);
            }
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The forecast page (wwwroot/index.html at "/") calls only the public API below.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();

        app.MapOperationsEndpoints();
        app.MapCurtailmentMetrics();
        if (!role.ServesApi)
        {
            // A worker: health and metrics only; the API and the dashboard are served by the api processes.
            return;
        }

        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("Curtailment API"));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [app.Services.GetRequiredService<DashboardAuthorizationFilter>()],
            DashboardTitle = "Curtailment jobs",
            AppPath = "/scalar",
        });

        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimitPolicy);
        api.MapRegionEndpoints();
        api.MapForecastEndpoints();
        api.MapSchedulingEndpoints();
        api.MapActualsEndpoints();
        api.MapOutlookEndpoints();
        var admin = api.MapGroup("").AddEndpointFilter<ApiKeyFilter>();
        admin.MapModelEndpoints();
        admin.MapJobEndpoints();
    }
}
