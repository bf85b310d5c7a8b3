using Curtailment.Host.Api;
using Curtailment.Host.Endpoints;
using Curtailment.Host.Health;
using Curtailment.Host.Jobs;
using Curtailment.Host.Live;
using Curtailment.Host.Observability;
using Curtailment.Host.Options;
using Curtailment.Host.Startup;
using Curtailment.Pipelines;
using Curtailment.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Builds the application from command-line arguments (<c>--urls</c>, <c>--role all|api|worker</c>, <c>--live</c>,
    /// <c>--Curtailment:Storage:ConnectionString=...</c>).
    /// </summary>
    public static WebApplication BuildApp(string[] args)
    {
        args = LiveOptions.RewriteSwitch(args);
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

        services.AddOptions<StartupOptions>().BindConfiguration(StartupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostRoleOptions>().BindConfiguration(HostRoleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddCurtailmentApi();

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [OperationsEndpoints.ReadyTag])
            .AddCheck<StartupHealthCheck>("startup", tags: [OperationsEndpoints.ReadyTag])
            .AddCheck<FeedHealthCheck>("feeds", HealthStatus.Degraded, [OperationsEndpoints.ReadyTag]);

        services.AddSingleton<StartupState>();
        services.AddCurtailmentMetrics(builder.Configuration);
        services.AddHostedService<StartupTask>();
        builder.AddCurtailmentLive();
        builder.AddCurtailmentJobs(role, storage);
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

        app.MapCurtailmentApi();
        app.MapCurtailmentJobsDashboard();
    }
}
