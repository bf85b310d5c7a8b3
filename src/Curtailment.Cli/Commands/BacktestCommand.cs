using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Curtailment.Core.Regions;
using Curtailment.Models.Trees;
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
        var options = new Arguments();
        var command = new Command("backtest", "Forecast each day of a range as issued at 10:00 local the day before, train only on what was known then, and score it.")
        {
            options.Region, options.From, options.To, options.OutDir, options.Retrain, options.RetrainCron, options.Ablation, options.Variants, options.Db, options.Json,
        };

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), () => RunAsync(parse, options, output, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Arguments options, TextWriter output, CancellationToken cancellationToken)
    {
        var retrainDays = ParseDays(parse.GetValue(options.Retrain)!);
        await using var services = CliServices.Build(parse.GetValue(options.Db), parse.GetValue(CommonOptions.Verbose));
        var pipeline = services.GetRequiredService<BacktestPipeline>();
        var request = new BacktestRequest(parse.GetValue(options.Region)!, parse.GetValue(options.From), parse.GetValue(options.To), retrainDays)
        {
            RetrainCron = parse.GetValue(options.RetrainCron),
        };
        // Checked before the long run, so a typo does not cost a whole backtest.
        var variants = Variants(parse, options, services.GetRequiredService<ModelInputs>().OptionsFor(services.GetRequiredService<IRegionCatalog>().Get(request.RegionId)));
        var result = await RunWithProgressAsync(pipeline, request, quiet: parse.GetValue(options.Json) || Console.IsOutputRedirected, cancellationToken);

        var outDir = parse.GetValue(options.OutDir)!;
        var files = await BacktestWriter.WriteAsync(result, outDir, cancellationToken);
        if (parse.GetValue(options.Ablation))
        {
            files = [.. files, await RunAblationAsync(pipeline, request, result, variants, outDir, cancellationToken)];
        }

        if (parse.GetValue(options.Json))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { files, metrics = result.Metrics, notes = result.Notes }, CliJson.Options));
        }
        else
        {
            await WriteTableAsync(output, result);
            foreach (var note in result.Notes)
            {
                await output.WriteLineAsync($"note: {note}");
            }

            await output.WriteLineAsync($"wrote {string.Join(", ", files)}");
        }

        return CurtailCli.Success;
    }

    /// <summary>The ablation variants to run: all, or those <c>--ablation-variants</c> names (unknown names refused).</summary>
    private static List<AblationVariant> Variants(ParseResult parse, Arguments options, CurtailmentModelOptions regionDefaults)
    {
        var standard = AblationVariant.Standard(regionDefaults);
        var only = parse.GetValue(options.Variants)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = only?.Except(standard.Select(v => v.Name), StringComparer.Ordinal).ToList();
        if (unknown is { Count: > 0 })
        {
            throw new ArgumentException($"--ablation-variants: unknown variant(s) {string.Join(", ", unknown)}; known: {string.Join(", ", standard.Select(v => v.Name))}.");
        }

        return [.. standard.Where(v => only is not { Length: > 0 } || v.Name == "full" || only.Contains(v.Name, StringComparer.Ordinal))];
    }

    private static async Task<BacktestResult> RunWithProgressAsync(BacktestPipeline pipeline, BacktestRequest request, bool quiet, CancellationToken cancellationToken)
    {
        if (quiet)
        {
            return await pipeline.RunAsync(request, null, cancellationToken);
        }

        BacktestResult? result = null;
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
        return result!;
    }

    /// <summary>Runs each variant (reusing the full run) into <c>ablation/&lt;variant&gt;/</c>; returns the path of the summary table.</summary>
    private static async Task<string> RunAblationAsync(
        BacktestPipeline pipeline, BacktestRequest request, BacktestResult full, List<AblationVariant> variants, string outDir, CancellationToken cancellationToken)
    {
        var results = new List<(AblationVariant, BacktestResult)>();
        foreach (var variant in variants)
        {
            var run = variant.Name == "full" ? full : await pipeline.RunAsync(request with { Options = variant.Options }, null, cancellationToken);
            await BacktestWriter.WriteAsync(run, Path.Combine(outDir, "ablation", variant.Name), cancellationToken);
            results.Add((variant, run));
        }

        var table = Path.Combine(outDir, "ablation.md");
        await File.WriteAllTextAsync(table, BacktestWriter.AblationTable(results), cancellationToken);
        return table;
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

    private sealed class Arguments
    {
        public Option<string?> Region { get; } = CommonOptions.Region(required: true);

        public Option<DateOnly> From { get; } = new("--from") { Description = "First target day (local date, YYYY-MM-DD).", Required = true };

        public Option<DateOnly> To { get; } = new("--to") { Description = "Last target day, inclusive.", Required = true };

        public Option<string> OutDir { get; } = new("--out") { Description = "Folder for forecasts.csv, metrics.json and backtest.png.", Required = true };

        public Option<string> Retrain { get; } = new("--retrain-every")
        {
            Description = "Retraining cadence in days (7d or 7).",
            DefaultValueFactory = _ => "7d",
        };

        public Option<string?> RetrainCron { get; } = new("--retrain-cron")
        {
            Description = "Retrain as the service does, replacing --retrain-every: at each instant of this cron expression in the region's local "
                + "time (the host's Curtailment:Jobs:RetrainCron, e.g. \"30 3 * * *\"), on Curtailment:Training's window, through the promotion gate.",
        };

        public Option<bool> Ablation { get; } = new("--ablation")
        {
            Description = "Also run each ablation variant (feature groups left out, model choices switched) into <out>/ablation/<variant>/ and write ablation.md.",
        };

        public Option<string?> Variants { get; } = new("--ablation-variants")
        {
            Description = "With --ablation: only these variants, comma-separated (e.g. no_ssa); default all.",
        };

        public Option<string?> Db { get; } = CommonOptions.Db();

        public Option<bool> Json { get; } = CommonOptions.Json();
    }
}
