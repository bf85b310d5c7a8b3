using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Curtailment.Pipelines.Backtest;

/// <summary>Writes a backtest's <c>forecasts.csv</c> (the protocol's columns), <c>metrics.json</c> and plot.</summary>
public static class BacktestWriter
{
    /// <summary>The protocol's header.</summary>
    public const string Header = "issued_at_utc,interval_start_utc,interval_end_utc,region,predicted_mw,p_event,lower_mw,upper_mw,model";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes every output into <paramref name="folder"/> (created when missing); returns the file paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(BacktestResult result, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var forecasts = Path.Combine(folder, "forecasts.csv");
        await File.WriteAllTextAsync(forecasts, ToCsv(result), cancellationToken);

        var metrics = Path.Combine(folder, "metrics.json");
        await using (var stream = File.Create(metrics))
        {
            await JsonSerializer.SerializeAsync(stream, new
            {
                region = result.Region,
                resolutionMinutes = result.Step.TotalMinutes,
                model = result.Rows.Select(r => r.Model).Distinct().ToArray(),
                metrics = result.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value),
                notes = result.Notes,
                timings = result.Timings,
            }, Json, cancellationToken);
        }

        var plot = Path.Combine(folder, "backtest.png");
        BacktestPlot.Save(result, plot);
        return [forecasts, metrics, plot];
    }

    /// <summary>The rows of the main model in the protocol's CSV layout.</summary>
    public static string ToCsv(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in result.Rows)
        {
            var f = row.Forecast;
            text.Append(Iso(row.IssuedAt)).Append(',')
                .Append(Iso(f.IntervalStart)).Append(',')
                .Append(Iso(f.IntervalEnd)).Append(',')
                .Append(result.Region).Append(',')
                .Append(Number(f.PredictedMw)).Append(',')
                .Append(Number(f.EventProbability)).Append(',')
                .Append(Number(f.LowerMw)).Append(',')
                .Append(Number(f.UpperMw)).Append(',')
                .Append(row.Model.Contains(',', StringComparison.Ordinal) ? $"\"{row.Model}\"" : row.Model)
                .Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A markdown table of the model metrics of each ablation variant, with the best baseline's for reference.</summary>
    public static string AblationTable(IReadOnlyList<(AblationVariant Variant, BacktestResult Result)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder("| Variant | MAE MW | MAE skill | ROC-AUC | PR-AUC | Brier skill | Coverage | Capture | What changes |\n")
            .Append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var (variant, result) in runs)
        {
            var m = result.Metrics["model"];
            text.Append(CultureInfo.InvariantCulture, $"| {variant.Name} | {m.MaeMw:F1} | {m.MaeSkill:F3} | {m.RocAuc:F3} | {m.PrAuc:F3} | {m.BrierSkill:F3} | {m.IntervalCoverage:F3} | {m.SchedulerCapture:F3} | {variant.Description} |\n");
        }

        if (runs.Count > 0)
        {
            foreach (var (name, m) in runs[0].Result.Metrics.Where(kv => kv.Key != "model"))
            {
                text.Append(CultureInfo.InvariantCulture, $"| _{name}_ | {m.MaeMw:F1} | {m.MaeSkill:F3} | {m.RocAuc:F3} | {m.PrAuc:F3} | {m.BrierSkill:F3} | {m.IntervalCoverage:F3} | {m.SchedulerCapture:F3} | baseline |\n");
            }
        }

        return text.ToString();
    }

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
