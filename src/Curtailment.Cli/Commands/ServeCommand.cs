using System.CommandLine;
using Curtailment.Host;
using Microsoft.Extensions.Hosting;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail serve</c>: starts the service host, the same application as <c>dotnet run --project src/Curtailment.Host</c>.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter error)
    {
        var db = CommonOptions.Db();
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on (default http://localhost:5000; or ASPNETCORE_URLS).",
        };
        var command = new Command("serve", "Start the prediction API, the Hangfire server and dashboard (/hangfire) and the API page (/scalar).")
        {
            db, urls,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            var args = new List<string>();
            if (parse.GetValue(urls) is { } addresses)
            {
                args.Add($"--urls={addresses}");
            }

            if (parse.GetValue(db) is { } path)
            {
                args.Add($"--Curtailment:Storage:ConnectionString=Data Source={path}");
            }

            await using var app = CurtailmentHost.BuildApp([.. args]);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return CurtailCli.Success;
        }));
        return command;
    }
}
