using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Curtailment.Pipelines.Forecasting;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail forecast</c>: issue and store a forecast vintage.</summary>
internal static class ForecastCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region(required: true);
        var issuedAt = new Option<string?>("--issued-at")
        {
            Description = "Issue time, ISO-8601 with offset (default: now). Only data published by then is used.",
        };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("forecast", "Forecast from the issue time to the end of the next local day with the active model, and store the vintage.")
        {
            region, issuedAt, db, json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            DateTimeOffset? issue = null;
            if (parse.GetValue(issuedAt) is { } text)
            {
                issue = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && text.Contains('T', StringComparison.Ordinal)
                    ? parsed
                    : throw new ArgumentException($"--issued-at '{text}' is not an ISO-8601 instant with offset (2021-03-14T10:00:00-07:00).");
            }

            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var vintage = await services.GetRequiredService<ForecastPipeline>().ForecastAsync(parse.GetValue(region)!, issue, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(vintage, CliJson.Options));
                return CurtailCli.Success;
            }

            await output.WriteLineAsync($"forecast {vintage.Id} for {vintage.Region} issued {vintage.IssuedAt:yyyy-MM-ddTHH:mm:ssK} by {vintage.ModelVersion}, data as of {vintage.DataAsOf:yyyy-MM-ddTHH:mm:ssK}");
            var peak = vintage.Points.MaxBy(p => p.PredictedMw);
            if (peak is not null)
            {
                await output.WriteLineAsync($"{vintage.Points.Count} intervals; peak {peak.PredictedMw:F0} MW at {peak.IntervalStart:yyyy-MM-ddTHH:mmK} (80%: {peak.LowerMw:F0}-{peak.UpperMw:F0} MW, P(event) {peak.EventProbability:F2})");
            }

            return CurtailCli.Success;
        }));
        return command;
    }
}
