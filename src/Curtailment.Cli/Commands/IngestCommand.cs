using System.CommandLine;
using System.Text.Json;
using Curtailment.Core.Time;
using Curtailment.Ingestion;
using Curtailment.Pipelines.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail ingest --source S --file PATH...</c>: load operator files into the store.</summary>
internal static class IngestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new Arguments();
        var command = new Command("ingest", "Import operator files into the store (one transaction per file; re-importing a file changes nothing).")
        {
            options.Source, options.Files, options.Region, options.Published, options.Db, options.Json,
        };

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), () => RunAsync(parse, options, output, error, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Arguments options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var rule = parse.GetValue(options.Published) is { } text ? PublicationRule.Parse(text) : null;
        await using var services = CliServices.Build(parse.GetValue(options.Db), parse.GetValue(CommonOptions.Verbose));
        var sourceName = parse.GetValue(options.Source)!;
        services.GetRequiredService<ImporterCatalog>().Get(sourceName);
        var pipeline = services.GetRequiredService<IngestPipeline>();
        var asJson = parse.GetValue(options.Json);
        var paths = parse.GetValue(options.Files)!;
        var region = parse.GetValue(options.Region);

        IReadOnlyList<IngestFileResult> results = [];
        if (asJson || Console.IsOutputRedirected)
        {
            results = await pipeline.IngestPathsAsync(sourceName, paths, region, rule, null, cancellationToken);
        }
        else
        {
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("Importing");
                var progress = new Progress<(int Done, int Total, string File)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = p.File.Length > 0 ? Path.GetFileName(p.File) : "Imported";
                });
                results = await pipeline.IngestPathsAsync(sourceName, paths, region, rule, progress, cancellationToken);
            });
        }

        await ReportAsync(output, error, results, asJson);
        return results.Any(r => r.Failed) ? CurtailCli.InputRefused : CurtailCli.Success;
    }

    private static async Task ReportAsync(TextWriter output, TextWriter error, IReadOnlyList<IngestFileResult> results, bool asJson)
    {
        if (asJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(results.Select(r => new
            {
                file = r.Path,
                runId = r.Run.Id,
                status = r.Run.Status.ToString(),
                rowsRead = r.Run.RowsRead,
                observations = r.Run.ObservationsAccepted,
                rejectedRows = r.Run.RowsRejected,
                message = r.Run.Message,
            }), CliJson.Options));
            return;
        }

        foreach (var r in results)
        {
            var line = r.Failed
                ? $"FAILED    {r.Run.Message}"
                : $"{r.Run.Status,-9} {Path.GetFileName(r.Path)}: {r.Run.RowsRead} rows, {r.Run.ObservationsAccepted} observations, {r.Run.RowsRejected} rejected (run {r.Run.Id})";
            await (r.Failed ? error : output).WriteLineAsync(line);
        }
    }

    private sealed class Arguments
    {
        public Option<string> Source { get; } = new("--source")
        {
            Description = "Layout of the files: caiso-production, caiso-curtailment-report, caiso-outlook, eia930, aemo, de-redispatch, gb-boa, gb-constraints, gb-forecasts, tidy.",
            Required = true,
        };

        public Option<string[]> Files { get; } = new("--file")
        {
            Description = "Files or folders to import (repeat the option or list several).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<string?> Region { get; } = CommonOptions.Region();

        public Option<string?> Published { get; } = new("--published")
        {
            Description = "Publication rule for files without published_at_utc: realtime, realtime+PT1H, dayahead@10:00, nextday@10:00, sameday@00:00.",
        };

        public Option<string?> Db { get; } = CommonOptions.Db();

        public Option<bool> Json { get; } = CommonOptions.Json();
    }
}
