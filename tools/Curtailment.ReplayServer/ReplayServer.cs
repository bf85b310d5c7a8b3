using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Feeds;
using Curtailment.ReplayServer.Data;
using Curtailment.ReplayServer.Layouts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Curtailment.ReplayServer;

/// <summary>
/// A loopback HTTP server that plays the operators (CAISO's web site and OASIS, EIA's API, AEMO) from the real
/// development files: every path the feeds request, on one base URL, each period's file appearing at its real
/// publication time on a virtual clock, with faults switched on and off at will. Control endpoints
/// (<c>/_replay/clock</c>, <c>/_replay/faults</c>) let a host in another process drive it.
/// </summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>How long a truncated response stays open after its half body before the connection is cut.</summary>
    private static readonly TimeSpan TruncationPause = TimeSpan.FromMilliseconds(250);

    private readonly WebApplication _app;
    private readonly FaultBook _faults;
    private readonly ReplayServerOptions _options;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.OrdinalIgnoreCase);

    private ReplayServer(WebApplication app, FaultBook faults, ReplayServerOptions options, TimeProvider clock, Uri baseUrl)
    {
        _app = app;
        _faults = faults;
        _options = options;
        Clock = clock;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL every feed's paths hang from (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The virtual clock the server publishes by.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The clock as a <see cref="ReplayClock"/> when it is one (settable), else null.</summary>
    public ReplayClock? ReplayClock => Clock as ReplayClock;

    /// <summary>The feeds the server answers for.</summary>
    public static IReadOnlyList<string> Feeds => ReplayContent.ServedFeeds;

    /// <summary>
    /// The settings that point a host's feeds here (configuration keys; as environment variables replace <c>:</c>
    /// by <c>__</c>): every operator base URL of <c>Curtailment:Fetch</c>, and an EIA key (the server only checks that
    /// one is sent).
    /// </summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Curtailment:Fetch:CaisoBaseUrl"] = BaseUrl.AbsoluteUri,
        ["Curtailment:Fetch:OasisBaseUrl"] = BaseUrl.AbsoluteUri,
        ["Curtailment:Fetch:EiaApiBaseUrl"] = BaseUrl.AbsoluteUri,
        ["Curtailment:Fetch:AemoBaseUrl"] = BaseUrl.AbsoluteUri,
        ["Curtailment:Feeds:Eia:ApiKey"] = "replay",
    };

    /// <summary>
    /// Starts the server. <paramref name="clock"/> is the virtual clock (a <see cref="ReplayServer.ReplayClock"/>, or any
    /// <see cref="TimeProvider"/> the caller moves, such as the host's own virtual clock); null starts a
    /// <see cref="ReplayServer.ReplayClock"/> at the Unix epoch, when nothing is published.
    /// </summary>
    public static async Task<ReplayServer> StartAsync(ReplayServerOptions options, TimeProvider? clock = null, ILoggerProvider? logging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        clock ??= new ReplayClock(DateTimeOffset.UnixEpoch);
        var regions = RegionCatalog.Load(options.RegionsFile ?? Path.Combine(AppContext.BaseDirectory, "regions.json"));
        var feeds = FeedsCatalog();
        var faults = new FaultBook();
        var content = new ReplayContent(ReplayData.For(options.DataFolder), feeds, regions, faults, clock);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            builder.Logging.AddProvider(logging);
        }

        var address = options.Url.IsLoopback && !IPAddress.TryParse(options.Url.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(options.Url.Host);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address, options.Url.Port));
        var app = builder.Build();
        // The routes need the server, which needs the bound address, known only once Kestrel has started.
        ReplayServer? server = null;
        Map(app, content, faults, () => server!);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ReplayServer(app, faults, options, clock, new Uri(bound.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>Switches a fault on; returns its id (for <see cref="RemoveFault"/>).</summary>
    public int AddFault(ReplayFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        fault.Validate(ReplayContent.ServedFeeds);
        return _faults.Add(fault);
    }

    /// <summary>Switches one fault off; false when there is no such id.</summary>
    public bool RemoveFault(int id) => _faults.Remove(id);

    /// <summary>Switches every fault off.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>How many requests the server has had for <paramref name="feed"/>'s files (retries included).</summary>
    public int Requests(string feed) => _requests.GetValueOrDefault(feed);

    /// <summary>Loads every cleaned file now instead of on the first request for it.</summary>
    public void Preload() => ReplayData.For(_options.DataFolder).LoadAll();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static FeedCatalog FeedsCatalog()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddCurtailmentFeeds();
        return services.BuildServiceProvider().GetRequiredService<FeedCatalog>();
    }

    private static void Map(WebApplication app, ReplayContent content, FaultBook faults, Func<ReplayServer> server)
    {
        app.MapGet("/outlook/history/{day}/{file}", (HttpContext context, string day, string file) => Serve(context, content.Outlook(day, file), server()));
        app.MapGet("/oasisapi/SingleZip", (HttpContext context) => Serve(context, content.Oasis(context.Request.Query), server()));
        app.MapGet("/documents/{name}", (HttpContext context, string name) => Serve(context, content.Workbook(name), server()));
        app.MapGet("/v2/electricity/rto/region-data/data", (HttpContext context) => Serve(context, content.Eia(context.Request.Query), server()));
        app.MapGet("/aemo/data/nem/priceanddemand/{name}", (HttpContext context, string name) => Serve(context, content.Aemo(name), server()));

        app.MapGet("/_replay/clock", () => Results.Json(new ClockState(server().Clock.GetUtcNow(), null), Json));
        app.MapPut("/_replay/clock", async (HttpContext context) =>
        {
            var clock = server().ReplayClock;
            if (clock is null)
            {
                return Results.Problem("this server runs on its caller's clock, which only the caller moves.", statusCode: 409);
            }

            var (body, error) = await ReadAsync<ClockState>(context);
            if (body is null || (body.UtcNow is null) == (body.Advance is null))
            {
                return Results.Problem(error ?? "give either utcNow (\"2021-02-01T00:00:00Z\") or advance (\"01:00:00\").", statusCode: 400);
            }

            if (body.UtcNow is { } now)
            {
                clock.SetUtcNow(now);
            }
            else
            {
                clock.Advance(body.Advance!.Value);
            }

            return Results.Json(new ClockState(clock.GetUtcNow(), null), Json);
        });
        app.MapGet("/_replay/faults", () => Results.Json(faults.List().Select(f => new FaultState(f.Id, f.Fault, f.Remaining)), Json));
        app.MapPost("/_replay/faults", async (HttpContext context) =>
        {
            var (fault, error) = await ReadAsync<ReplayFault>(context);
            if (fault is null)
            {
                return Results.Problem(error ?? "the body must be a fault: {\"kind\":\"ServerError\",\"feed\":\"caiso-outlook-demand\",\"day\":\"2021-03-01\",\"times\":1}.", statusCode: 400);
            }

            try
            {
                return Results.Json(new FaultState(server().AddFault(fault), fault, fault.Times), Json, statusCode: 201);
            }
            catch (ArgumentException e)
            {
                return Results.Problem(e.Message, statusCode: 400);
            }
        });
        app.MapDelete("/_replay/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        app.MapDelete("/_replay/faults/{id:int}", (int id) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());
        app.MapGet("/_replay/settings", () => Results.Json(server().HostSettings, Json));
        app.MapFallback((HttpContext context) => Results.Text($"404 Not Found: {context.Request.Path}\n", statusCode: 404));
    }

    private static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted), null);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not valid JSON for {typeof(T).Name} at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}");
        }
    }

    private static async Task Serve(HttpContext context, ReplayRoute route, ReplayServer server)
    {
        var fault = default(ReplayFault);
        if (route.Feed is { } feed)
        {
            server._requests.AddOrUpdate(feed, 1, (_, n) => n + 1);
            fault = server._faults.TakeHttpFault(feed, route.InPeriod);
        }

        var response = context.Response;
        switch (fault?.Kind)
        {
            case ReplayFaultKind.ServerError:
                response.StatusCode = 500;
                await response.WriteAsync("500 Internal Server Error (replay fault)\n", context.RequestAborted);
                return;
            case ReplayFaultKind.Timeout:
                try
                {
                    await Task.Delay(fault.Hold ?? server._options.TimeoutHold, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, which is what a time-out fault is for.
                    return;
                }

                break;
        }

        var answer = route.Answer();
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        if (fault?.Kind == ReplayFaultKind.Truncate)
        {
            await response.Body.WriteAsync(answer.Body.AsMemory(0, answer.Body.Length / 2), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            // A reset that overtakes the headers would look like a failed connection, which the client retries; a cut
            // mid-body, after the client has the headers, is what a truncation fault is.
            try
            {
                await Task.Delay(TruncationPause, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on the rest already.
            }

            context.Abort();
            return;
        }

        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>The clock as the control endpoint reads and sets it.</summary>
    private sealed record ClockState(DateTimeOffset? UtcNow, TimeSpan? Advance);

    /// <summary>A fault as the control endpoint lists it.</summary>
    private sealed record FaultState(int Id, ReplayFault Fault, int? Remaining);
}
