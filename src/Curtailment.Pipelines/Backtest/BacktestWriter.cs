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

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
