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
        var outDir = new Option<string>("--out") { Description = "Folder for the files.", Required = true };
        var start = new Option<DateOnly?>("--start") { Description = "First local day (default: so that the data end tomorrow)." };
        var days = new Option<int>("--days") { Description = "Number of days.", DefaultValueFactory = _ => 75 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 42 };
        var ingest = new Option<bool>("--ingest") { Description = "Import the files into the store afterwards." };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("simulate", "Write a seeded SYNTHETIC grid (zones, weather, congestion, oversupply) as operator files the importers read.")
        {
            outDir, start, days, seed, ingest, db, json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            if (parse.GetValue(days) is < 1 or > 3660)
            {
                throw new ArgumentException("--days must be between 1 and 3660.");
            }

            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var now = DateTimeOffset.UtcNow;
            var options = new SimulationOptions
            {
                Seed = parse.GetValue(seed),
                Days = parse.GetValue(days),
                Start = parse.GetValue(start) ?? LocalClock.LocalDate(now, TimeZoneInfo.Utc).AddDays(-parse.GetValue(days) + 2),
                Now = parse.GetValue(start) is null ? now : null,
            };
            var asJson = parse.GetValue(json);
            var files = DemoDataWriter.Write(parse.GetValue(outDir)!, services.GetRequiredService<IRegionCatalog>(), options);
            if (!asJson)
            {
                foreach (var file in files)
                {
                    await output.WriteLineAsync($"wrote {file.Path} ({file.Source}{(file.Region is null ? "" : $", --region {file.Region}")}{(file.Published is null ? "" : $", --published {file.Published}")})");
                }
            }

            var runs = new List<IngestFileResult>();
            if (parse.GetValue(ingest))
            {
                var pipeline = services.GetRequiredService<IngestPipeline>();
                async Task ImportAsync(Action<int>? report)
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

                if (asJson || Console.IsOutputRedirected)
                {
                    await ImportAsync(null);
                }
                else
                {
                    await AnsiConsole.Progress().StartAsync(async context =>
                    {
                        var task = context.AddTask("Importing", maxValue: files.Count);
                        await ImportAsync(done => task.Value = done);
                    });
                }
            }

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

            var failed = runs.FirstOrDefault(r => r.Failed);
            if (failed is not null)
            {
                await error.WriteLineAsync(failed.Run.Message);
                return CurtailCli.InputRefused;
            }

            return CurtailCli.Success;
        }));
        return command;
    }
}
