using System.CommandLine;
using System.Text.Json;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail train</c>: train a region's model on what is known now and gate its promotion.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region(required: true);
        var through = new Option<DateOnly?>("--through") { Description = "Last target day to learn from (default: every day known now)." };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("train", "Train the region's model, register it, and activate it if it is not worse than the active one on recent days.")
        {
            region, through, db, json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var pipeline = services.GetRequiredService<TrainPipeline>();
            TrainResult? result = null;
            if (parse.GetValue(json) || Console.IsOutputRedirected)
            {
                result = await pipeline.TrainAsync(parse.GetValue(region)!, parse.GetValue(through), null, cancellationToken);
            }
            else
            {
                // Training takes from seconds to minutes; a spinner says it is still working.
                await AnsiConsole.Status().StartAsync($"Training {parse.GetValue(region)} (features, held-out fit, final fit)...", async _ =>
                    result = await pipeline.TrainAsync(parse.GetValue(region)!, parse.GetValue(through), null, cancellationToken));
            }

            var trained = result!;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    model = new { trained.Candidate.Id, trained.Candidate.Region, trained.Candidate.Version, status = trained.Candidate.Status.ToString() },
                    trained.Activated,
                    trained.Reason,
                    trained.CandidateMaeMw,
                    trained.ActiveMaeMw,
                    trained.BaselineMaeMw,
                }, CliJson.Options));
            }
            else
            {
                await output.WriteLineAsync($"{trained.Candidate.Region} {trained.Candidate.Version}: {(trained.Activated ? "activated" : "kept as candidate")} ({trained.Reason})");
            }

            return CurtailCli.Success;
        }));
        return command;
    }
}
