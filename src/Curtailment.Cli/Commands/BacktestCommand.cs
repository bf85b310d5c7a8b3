using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Curtailment.Core.Regions;
using Curtailment.Pipelines.Backtest;
using Curtailment.Pipelines.Training;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail backtest</c>: the protocol's rolling day-ahead backtest.</summary>
internal static class BacktestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region(required: true);
        var from = new Option<DateOnly>("--from") { Description = "First target day (local date, YYYY-MM-DD).", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last target day, inclusive.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Folder for forecasts.csv, metrics.json and backtest.png.", Required = true };
        var retrain = new Option<string>("--retrain-every")
        {
            Description = "Retraining cadence in days (7d or 7).",
            DefaultValueFactory = _ => "7d",
        };
        var ablation = new Option<bool>("--ablation")
        {
            Description = "Also run each ablation variant (feature groups left out, model choices switched) into <out>/ablation/<variant>/ and write ablation.md.",
        };
        var variants = new Option<string?>("--ablation-variants")
        {
            Description = "With --ablation: only these variants, comma-separated (e.g. no_ssa); default all.",
        };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("backtest", "Forecast each day of a range as issued at 10:00 local the day before, train only on what was known then, and score it.")
        {
            region, from, to, outDir, retrain, ablation, variants, db, json,
        };

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            var retrainDays = ParseDays(parse.GetValue(retrain)!);
            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var pipeline = services.GetRequiredService<BacktestPipeline>();
            var request = new BacktestRequest(parse.GetValue(region)!, parse.GetValue(from), parse.GetValue(to), retrainDays);
            // Checked before the long run, so a typo does not cost a whole backtest.
            var standard = AblationVariant.Standard(services.GetRequiredService<ModelInputs>().OptionsFor(services.GetRequiredService<IRegionCatalog>().Get(request.RegionId)));
            var only = parse.GetValue(variants)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = only?.Except(standard.Select(v => v.Name), StringComparer.Ordinal).ToList();
            if (unknown is { Count: > 0 })
            {
                throw new ArgumentException($"--ablation-variants: unknown variant(s) {string.Join(", ", unknown)}; known: {string.Join(", ", standard.Select(v => v.Name))}.");
            }

            BacktestResult? result = null;
            if (parse.GetValue(json) || Console.IsOutputRedirected)
            {
                result = await pipeline.RunAsync(request, null, cancellationToken);
            }
            else
            {
                await AnsiConsole.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask("Backtesting");
                    var progress = new Progress<(int Done, int Total)>(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    });
                    result = await pipeline.RunAsync(request, progress, cancellationToken);
                });
            }

            var files = await BacktestWriter.WriteAsync(result!, parse.GetValue(outDir)!, cancellationToken);
            if (parse.GetValue(ablation))
            {
                var results = new List<(AblationVariant, BacktestResult)>();
                foreach (var variant in standard)
                {
                    if (only is { Length: > 0 } && variant.Name != "full" && !only.Contains(variant.Name, StringComparer.Ordinal))
                    {
                        continue;
                    }

                    var run = variant.Name == "full" ? result! : await pipeline.RunAsync(request with { Options = variant.Options }, null, cancellationToken);
                    await BacktestWriter.WriteAsync(run, Path.Combine(parse.GetValue(outDir)!, "ablation", variant.Name), cancellationToken);
                    results.Add((variant, run));
                }

                var table = Path.Combine(parse.GetValue(outDir)!, "ablation.md");
                await File.WriteAllTextAsync(table, BacktestWriter.AblationTable(results), cancellationToken);
                files = [.. files, table];
            }
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { files, metrics = result!.Metrics, notes = result.Notes }, CliJson.Options));
            }
            else
            {
                await WriteTableAsync(output, result!);
                foreach (var note in result!.Notes)
                {
                    await output.WriteLineAsync($"note: {note}");
                }

                await output.WriteLineAsync($"wrote {string.Join(", ", files)}");
            }

            return CurtailCli.Success;
        }));
        return command;
    }

    private static int ParseDays(string text)
    {
        var trimmed = text.Trim().TrimEnd('d', 'D');
        return int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days >= 1
            ? days
            : throw new ArgumentException($"--retrain-every '{text}' is not a number of days (7d).");
    }

    private static async Task WriteTableAsync(TextWriter output, BacktestResult result)
    {
        var table = new Table().AddColumns("Forecaster", "MAE MW", "MAE skill", "RMSE MW", "ROC-AUC", "PR-AUC", "Brier skill", "Coverage", "Width MW", "Capture");
        foreach (var (name, m) in result.Metrics)
        {
            table.AddRow(name, F(m.MaeMw), F(m.MaeSkill, "0.000"), F(m.RmseMw), F(m.RocAuc, "0.000"), F(m.PrAuc, "0.000"), F(m.BrierSkill, "0.000"),
                F(m.IntervalCoverage, "0.000"), F(m.IntervalMeanWidthMw), F(m.SchedulerCapture, "0.000"));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        console.Write(table);
        await output.FlushAsync();
    }

    private static string F(double value, string format = "0.0") => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);



}
