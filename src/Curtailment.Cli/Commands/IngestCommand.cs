using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Curtailment.Core.Time;
using Curtailment.Ingestion;
using Curtailment.Ingestion.Feeds;
using Curtailment.Pipelines.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Curtailment.Cli.Commands;

/// <summary>
/// <c>curtail ingest --source S --file PATH...</c>: load operator files into the store; or
/// <c>curtail ingest --feed NAME --from yyyy-MM-dd --to yyyy-MM-dd</c>: backfill a feed's periods from the operator.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new Arguments();
        var command = new Command("ingest",
            "Import operator files into the store (one transaction per file; re-importing a file changes nothing), "
            + "or backfill a feed: fetch every period from --from to --to from the operator (or --base-url) and import it.")
        {
            options.Source, options.Files, options.Region, options.Published, options.Feed, options.From, options.To, options.BaseUrl, options.Db, options.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose),
            () => IsBackfill(parse, options)
                ? BackfillAsync(parse, options, output, error, cancellationToken)
                : RunAsync(parse, options, output, error, cancellationToken)));
        return command;
    }

    /// <summary>Which of the two forms the arguments are; a mix, or a form missing a part, is a usage error naming the options.</summary>
    private static bool IsBackfill(ParseResult parse, Arguments options)
    {
        bool Given(Option option) => parse.GetResult(option) is not null;
        var feed = Given(options.Feed);
        if (feed && (Given(options.Source) || Given(options.Files)))
        {
            throw new ArgumentException("Give either --feed (with --from and --to) or --source with --file, not both.");
        }

        if (feed && !(Given(options.From) && Given(options.To)))
        {
            throw new ArgumentException("--feed needs --from and --to (yyyy-MM-dd).");
        }

        if (!feed && !(Given(options.Source) && Given(options.Files)))
        {
            throw new ArgumentException("Give --source and --file (files or folders to import), or --feed with --from and --to (a backfill).");
        }

        if (!feed && (Given(options.From) || Given(options.To) || Given(options.BaseUrl)))
        {
            throw new ArgumentException("--from, --to and --base-url go with --feed.");
        }

        return feed;
    }

    /// <summary>The feed names, from the same registrations the host uses, for the help text.</summary>
    private static IReadOnlyList<string> FeedNames()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddCurtailmentFeeds();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<FeedCatalog>().Names;
    }

    private static async Task<int> BackfillAsync(ParseResult parse, Arguments options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var from = ParseDay("--from", parse.GetValue(options.From)!);
        var to = ParseDay("--to", parse.GetValue(options.To)!);
        var name = parse.GetValue(options.Feed)!;
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(options.BaseUrl) is { } baseUrl)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"--base-url '{baseUrl}' must be an absolute http(s) URL.");
            }

            overrides[$"{FeedOptions.SectionName}:{nameof(FeedOptions.BaseUrls)}:{name}"] = url.AbsoluteUri;
        }

        await using var services = CliServices.Build(parse.GetValue(options.Db), parse.GetValue(CommonOptions.Verbose), overrides);
        var feed = services.GetRequiredService<FeedCatalog>().Get(name);
        var asJson = parse.GetValue(options.Json);
        var progress = asJson ? null : new SyncProgress(r => Report(r, output, error));
        var results = await services.GetRequiredService<FeedBackfill>().RunAsync(feed, from, to, progress, cancellationToken);
        var failed = results.Count(r => r.Outcome == BackfillOutcome.Failed);
        if (asJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                feed = feed.Name,
                from,
                to,
                fetched = results.Count(r => r.Outcome == BackfillOutcome.Fetched),
                notPublished = results.Count(r => r.Outcome == BackfillOutcome.NotPublished),
                failed,
                periods = results.Select(r => new
                {
                    period = r.Period,
                    outcome = r.Outcome switch { BackfillOutcome.Fetched => "fetched", BackfillOutcome.NotPublished => "not-published", _ => "failed" },
                    file = r.File?.Run.FileName,
                    status = r.File?.Run.Status.ToString(),
                    observations = r.File?.Run.ObservationsAccepted,
                    message = r.Problem,
                }),
            }, CliJson.Options));
        }
        else
        {
            await output.WriteLineAsync(
                $"{feed.Name}: {results.Count} period(s), {results.Count(r => r.Outcome == BackfillOutcome.Fetched)} fetched, "
                + $"{results.Count(r => r.Outcome == BackfillOutcome.NotPublished)} not published, {failed} failed.");
        }

        return failed > 0 ? CurtailCli.InputRefused : CurtailCli.Success;
    }

    private static void Report(BackfillPeriodResult r, TextWriter output, TextWriter error)
    {
        var day = r.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (r.Outcome)
        {
            case BackfillOutcome.Fetched:
                output.WriteLine($"{day} fetched       {r.File!.Run.FileName}: {r.File.Run.Status}, {r.File.Run.ObservationsAccepted} observations, {r.File.Run.RowsRejected} rejected");
                break;
            case BackfillOutcome.NotPublished:
                output.WriteLine($"{day} not published {r.Problem}");
                break;
            default:
                error.WriteLine($"{day} FAILED        {r.Problem}");
                break;
        }
    }

    private static DateOnly ParseDay(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"{option} '{text}' is not a date (yyyy-MM-dd).");

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<BackfillPeriodResult> report) : IProgress<BackfillPeriodResult>
    {
        public void Report(BackfillPeriodResult value) => report(value);
    }

    private static async Task<int> RunAsync(ParseResult parse, Arguments options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var rule = parse.GetValue(options.Published) is { } text ? PublicationRule.Parse(text) : null;
        await using var services = CliServices.Build(parse.GetValue(options.Db), parse.GetValue(CommonOptions.Verbose));
        var sourceName = parse.GetValue(options.Source)!;
        services.GetRequiredService<ImporterCatalog>().Get(sourceName);
        var pipeline = services.GetRequiredService<IngestPipeline>();
        var asJson = parse.GetValue(options.Json);
        var paths = parse.GetValue(options.Files)!;
        var region = parse.GetValue(options.Region);

        IReadOnlyList<IngestFileResult> results = [];
        if (asJson || Console.IsOutputRedirected)
        {
            results = await pipeline.IngestPathsAsync(sourceName, paths, region, rule, null, cancellationToken);
        }
        else
        {
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("Importing");
                var progress = new Progress<(int Done, int Total, string File)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = p.File.Length > 0 ? Path.GetFileName(p.File) : "Imported";
                });
                results = await pipeline.IngestPathsAsync(sourceName, paths, region, rule, progress, cancellationToken);
            });
        }

        await ReportAsync(output, error, results, asJson);
        return results.Any(r => r.Failed) ? CurtailCli.InputRefused : CurtailCli.Success;
    }

    private static async Task ReportAsync(TextWriter output, TextWriter error, IReadOnlyList<IngestFileResult> results, bool asJson)
    {
        if (asJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(results.Select(r => new
            {
                file = r.Path,
                runId = r.Run.Id,
                status = r.Run.Status.ToString(),
                rowsRead = r.Run.RowsRead,
                observations = r.Run.ObservationsAccepted,
                rejectedRows = r.Run.RowsRejected,
                message = r.Run.Message,
            }), CliJson.Options));
            return;
        }

        foreach (var r in results)
        {
            var line = r.Failed
                ? $"FAILED    {r.Run.Message}"
                : $"{r.Run.Status,-9} {Path.GetFileName(r.Path)}: {r.Run.RowsRead} rows, {r.Run.ObservationsAccepted} observations, {r.Run.RowsRejected} rejected (run {r.Run.Id})";
            await (r.Failed ? error : output).WriteLineAsync(line);
        }
    }

    private sealed class Arguments
    {
        public Option<string?> Source { get; } = new("--source")
        {
            Description = "Layout of the files: caiso-production, caiso-curtailment-report, caiso-outlook, eia930, aemo, de-redispatch, gb-boa, gb-constraints, gb-forecasts, tidy.",
        };

        public Option<string[]?> Files { get; } = new("--file")
        {
            Description = "Files or folders to import (repeat the option or list several).",
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<string?> Feed { get; } = new("--feed")
        {
            Description = $"Backfill this operator feed (with --from and --to): {string.Join(", ", FeedNames())}.",
        };

        public Option<string?> From { get; } = new("--from")
        {
            Description = "First day of the backfill (yyyy-MM-dd, the operator's local day); monthly and yearly feeds fetch the period holding it.",
        };

        public Option<string?> To { get; } = new("--to")
        {
            Description = "Last day of the backfill (yyyy-MM-dd, inclusive).",
        };

        public Option<string?> BaseUrl { get; } = new("--base-url")
        {
            Description = "Fetch the feed from this base URL instead of the operator's (a mirror, a proxy, a test server); else Curtailment__Feeds__BaseUrls__NAME or Curtailment__Fetch__*BaseUrl.",
        };

        public Option<string?> Region { get; } = CommonOptions.Region();

        public Option<string?> Published { get; } = new("--published")
        {
            Description = "Publication rule for files without published_at_utc: realtime, realtime+PT1H, dayahead@10:00, nextday@10:00, sameday@00:00.",
        };

        public Option<string?> Db { get; } = CommonOptions.Db();

        public Option<bool> Json { get; } = CommonOptions.Json();
    }
}
