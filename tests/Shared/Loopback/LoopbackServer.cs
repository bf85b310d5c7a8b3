using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Curtailment.Testing;

/// <summary>
/// An operator played by a real Kestrel on 127.0.0.1 with a free port: the handler sees each request and its 1-based
/// number, and <see cref="Paths"/> records what was asked. Linked only into test projects that reference ASP.NET Core
/// (a project that starts <c>curtail</c> as a process must not: see tests/Curtailment.Cli.Tests).
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>The server's base URL, ending in a slash.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Each request's path and query string, in arrival order.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>Starts a server that answers every request with <paramref name="handler"/>.</summary>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        ((IApplicationBuilder)app).Run(context =>
        {
            var number = Interlocked.Increment(ref server._requests);
            server.Paths.Enqueue(context.Request.Path + context.Request.QueryString);
            return handler(context, number);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers 200 with <paramref name="body"/>, its length declared.</summary>
    public static Task Serve(HttpContext context, byte[] body, string contentType = "text/csv")
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Answers with <paramref name="status"/> and no body.</summary>
    public static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Answers with the file at the request's path below <paramref name="root"/> (a folder laid out as the operator's
    /// URLs), or 404 where there is none, as the operators answer a period not published.
    /// </summary>
    public static Task ServeFile(HttpContext context, string root)
    {
        var folder = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, context.Request.Path.Value?.TrimStart('/') ?? ""));
        return path.StartsWith(folder, StringComparison.Ordinal) && File.Exists(path)
            ? Serve(context, File.ReadAllBytes(path))
            : Status(context, StatusCodes.Status404NotFound);
    }

    /// <summary>Holds the response until the client gives up: a server slower than any attempt timeout, without a sleep.</summary>
    public static async Task HangUntilAbortedAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client timed out and closed the connection: exactly what the test waits for.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
