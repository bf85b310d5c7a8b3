using System.CommandLine;
using Curtailment.Cli.Serving;

namespace Curtailment.Cli.Commands;

/// <summary>
/// <c>curtail serve</c>: starts the built service host as its own process (ADR 0009), the same application as
/// <c>dotnet run --project src/Curtailment.Host</c>.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    public static Command Create(TextWriter error)
    {
        var db = CommonOptions.Db();
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on (default http://localhost:5000; or ASPNETCORE_URLS).",
        };
        var host = new Option<string?>("--host")
        {
            Description = $"The host to start ({HostLocator.HostFileName}); default {HostLocator.HostVariable}, then beside curtail, then the build output of src/Curtailment.Host.",
        };
        var command = new Command(Name, "Start the prediction API, the Hangfire server and dashboard (/hangfire) and the API page (/scalar); other arguments (--role, --Curtailment:...=...) go to the host.")
        {
            db, urls, host,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            var path = HostLocator.Locate(parse.GetValue(host), Environment.GetEnvironmentVariable(HostLocator.HostVariable), AppContext.BaseDirectory);
            var args = new List<string>();
            if (parse.GetValue(urls) is { } addresses)
            {
                args.Add($"--urls={addresses}");
            }

            if (parse.GetValue(db) is { } file)
            {
                args.Add($"--Curtailment:Storage:ConnectionString=Data Source={file}");
            }

            args.AddRange(parse.UnmatchedTokens);
            await error.WriteLineAsync($"curtail serve: starting {path}");
            return await HostProcess.RunAsync(path, args);
        }));
        return command;
    }
}
