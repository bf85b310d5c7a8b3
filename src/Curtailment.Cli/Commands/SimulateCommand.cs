using System.CommandLine;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Pipelines.Ingest;
using Curtailment.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail simulate</c>: write a SYNTHETIC grid's files in the operators' layouts (and optionally import them).</summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new Arguments();
        var command = new Command("simulate", "Write a seeded SYNTHETIC grid (zones, weather, congestion, oversupply) as operator files the importers read.")
        {
            options.OutDir, options.Start, options.Days, options.Seed, options.Ingest, options.Db, options.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), () => RunAsync(parse, options, output, error, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Arguments options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (parse.GetValue(options.Days) is < 1 or > 3660)
        {
            throw new ArgumentException("--days must be between 1 and 3660.");
        }

        await using var services = CliServices.Build(parse.GetValue(options.Db), parse.GetValue(CommonOptions.Verbose));
        var now = DateTimeOffset.UtcNow;
        var simulation = new SimulationOptions
        {
            Seed = parse.GetValue(options.Seed),
            Days = parse.GetValue(options.Days),
            Start = parse.GetValue(options.Start) ?? LocalClock.LocalDate(now, TimeZoneInfo.Utc).AddDays(-parse.GetValue(options.Days) + 2),
            Now = parse.GetValue(options.Start) is null ? now : null,
        };
        var asJson = parse.GetValue(options.Json);
        var files = DemoDataWriter.Write(parse.GetValue(options.OutDir)!, services.GetRequiredService<IRegionCatalog>(), simulation);
        if (!asJson)
        {
            foreach (var file in files)
            {
                await output.WriteLineAsync($"wrote {file.Path} ({file.Source}{(file.Region is null ? "" : $", --region {file.Region}")}{(file.Published is null ? "" : $", --published {file.Published}")})");
            }
        }

        List<IngestFileResult> runs = parse.GetValue(options.Ingest)
            ? await ImportAsync(services.GetRequiredService<IngestPipeline>(), files, quiet: asJson || Console.IsOutputRedirected, cancellationToken)
            : [];
        await ReportAsync(output, files, runs, asJson);
        var failed = runs.FirstOrDefault(r => r.Failed);
        if (failed is not null)
        {
            await error.WriteLineAsync(failed.Run.Message);
            return CurtailCli.InputRefused;
        }

        return CurtailCli.Success;
    }

    /// <summary>Imports the files in order through the real importers, stopping at the first that fails.</summary>
    private static async Task<List<IngestFileResult>> ImportAsync(IngestPipeline pipeline, IReadOnlyList<SimulatedFile> files, bool quiet, CancellationToken cancellationToken)
    {
        var runs = new List<IngestFileResult>();
        async Task ImportAllAsync(Action<int>? report)
        {
            foreach (var file in files)
            {
                runs.Add(await pipeline.IngestFileAsync(file.Source, file.Path, file.Region, file.Published is null ? null : PublicationRule.Parse(file.Published), cancellationToken));
                report?.Invoke(runs.Count);
                if (runs[^1].Failed)
                {
                    return;
                }
            }
        }

        if (quiet)
        {
            await ImportAllAsync(null);
        }
        else
        {
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("Importing", maxValue: files.Count);
                await ImportAllAsync(done => task.Value = done);
            });
        }

        return runs;
    }

    private static async Task ReportAsync(TextWriter output, IReadOnlyList<SimulatedFile> files, List<IngestFileResult> runs, bool asJson)
    {
        if (asJson)
        {
            await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(files.Select(f => new
            {
                path = f.Path,
                source = f.Source,
                region = f.Region,
                published = f.Published,
                run = runs.FirstOrDefault(r => r.Path == f.Path)?.Run,
            }), CliJson.Options));
        }
        else
        {
            foreach (var run in runs)
            {
                await output.WriteLineAsync($"{run.Run.Status,-9} {Path.GetFileName(run.Path)}: {run.Run.ObservationsAccepted} observations, {run.Run.RowsRejected} rejected");
            }
        }
    }

    private sealed class Arguments
    {
        public Option<string> OutDir { get; } = new("--out") { Description = "Folder for the files.", Required = true };

        public Option<DateOnly?> Start { get; } = new("--start") { Description = "First local day (default: so that the data end tomorrow)." };

        public Option<int> Days { get; } = new("--days") { Description = "Number of days.", DefaultValueFactory = _ => 75 };

        public Option<int> Seed { get; } = new("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 42 };

        public Option<bool> Ingest { get; } = new("--ingest") { Description = "Import the files into the store afterwards." };

        public Option<string?> Db { get; } = CommonOptions.Db();

        public Option<bool> Json { get; } = CommonOptions.Json();
    }
}
