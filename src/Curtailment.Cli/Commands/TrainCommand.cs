using System.CommandLine;
using System.Text.Json;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.DependencyInjection;

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
            var result = await services.GetRequiredService<TrainPipeline>().TrainAsync(parse.GetValue(region)!, parse.GetValue(through), null, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    model = new { result.Candidate.Id, result.Candidate.Region, result.Candidate.Version, status = result.Candidate.Status.ToString() },
                    result.Activated,
                    result.Reason,
                    result.CandidateMaeMw,
                    result.ActiveMaeMw,
                    result.BaselineMaeMw,
                }, CliJson.Options));
            }
            else
            {
                await output.WriteLineAsync($"{result.Candidate.Region} {result.Candidate.Version}: {(result.Activated ? "activated" : "kept as candidate")} ({result.Reason})");
            }

            return CurtailCli.Success;
        }));
        return command;
    }
}
