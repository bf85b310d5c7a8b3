using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Cli.Commands;

/// <summary>
/// <c>curtail forecast</c>: issue and store a forecast vintage, or with <c>--as-served</c> answer a range the way the
/// API's forecast endpoint does (the stored vintage it would serve, else one computed now and stored).
/// </summary>
internal static class ForecastCommand
{
    /// <summary>The range <c>--as-served</c> answers when <c>--to</c> is not given, as the API's forecast endpoint.</summary>
    public static readonly TimeSpan DefaultServedRange = TimeSpan.FromHours(24);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region(required: true);
        var issuedAt = new Option<string?>("--issued-at")
        {
            Description = "Issue time, ISO-8601 with offset (default: now). Only data published by then is used.",
        };
        var asServed = new Option<bool>("--as-served")
        {
            Description = "Answer [--from, --to) from the stored vintages the way the API's forecast endpoint does (the newest vintage of the serving model that covers the range or was issued in the last 15 minutes, else one issued now and stored).",
        };
        var from = new Option<string?>("--from")
        {
            Description = "With --as-served: start of the range, ISO-8601 with offset (default: now).",
        };
        var to = new Option<string?>("--to")
        {
            Description = "With --as-served: end of the range, ISO-8601 with offset (default: --from + 24 hours).",
        };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("forecast", "Forecast from the issue time to the end of the next local day with the active model, and store the vintage; or, with --as-served, answer a range as the API does.")
        {
            region, issuedAt, asServed, from, to, db, json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            var served = parse.GetValue(asServed);
            if (served && parse.GetValue(issuedAt) is not null)
            {
                throw new ArgumentException("--issued-at and --as-served exclude each other: a served forecast is the stored one, or one issued now.");
            }

            if (!served && (parse.GetValue(from) is not null || parse.GetValue(to) is not null))
            {
                throw new ArgumentException("--from and --to need --as-served (a new vintage always runs from its issue time to the end of the next local day).");
            }

            var issue = Instant("--issued-at", parse.GetValue(issuedAt));
            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            ForecastVintage vintage;
            if (served)
            {
                var start = Instant("--from", parse.GetValue(from)) ?? services.GetRequiredService<TimeProvider>().GetUtcNow();
                var end = Instant("--to", parse.GetValue(to)) ?? start + DefaultServedRange;
                if (end <= start)
                {
                    throw new ArgumentException($"--to {end:yyyy-MM-ddTHH:mm:ssK} must be later than --from {start:yyyy-MM-ddTHH:mm:ssK}.");
                }

                var chosen = services.GetRequiredService<IRegionCatalog>().Get(parse.GetValue(region)!);
                vintage = await services.GetRequiredService<ForecastServing>().GetAsync(chosen, start, end, cancellationToken);
            }
            else
            {
                vintage = await services.GetRequiredService<ForecastPipeline>().ForecastAsync(parse.GetValue(region)!, issue, cancellationToken);
            }

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

    private static DateTimeOffset? Instant(string option, string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && text.Contains('T', StringComparison.Ordinal)
            ? parsed
            : throw new ArgumentException($"{option} '{text}' is not an ISO-8601 instant with offset (2021-03-14T10:00:00-07:00).");
}
