using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail data summary</c>: what the store holds, per series.</summary>
internal static class DataCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region();
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var summary = new Command("summary", "Per series: rows, first/last interval, gaps, min/max, total energy, last ingest run, rejected rows.")
        {
            region, db, json,
        };
        summary.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var rows = await services.GetRequiredService<IDataSummaryReader>().SummarizeAsync(parse.GetValue(region), cancellationToken);
            var runs = await services.GetRequiredService<IIngestStore>().ListRunsAsync(1, cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    series = rows.Select(r => new
                    {
                        r.Region,
                        r.Series,
                        r.Source,
                        r.Rows,
                        firstIntervalStart = r.FirstIntervalStart,
                        lastIntervalEnd = r.LastIntervalEnd,
                        resolution = System.Xml.XmlConvert.ToString(r.Resolution),
                        r.Gaps,
                        r.Min,
                        r.Max,
                        r.TotalEnergyMwh,
                        r.LastIngestRunId,
                        r.LastIngestedAt,
                        r.RejectedRows,
                    }),
                    lastIngestRun = runs.FirstOrDefault(),
                }, CliJson.Options));
                return CurtailCli.Success;
            }

            if (rows.Count == 0)
            {
                await output.WriteLineAsync("The store holds no observations yet. Import files with 'curtail ingest'.");
                return CurtailCli.Success;
            }

            var table = new Table().AddColumns("Region", "Series", "Source", "Rows", "First (UTC)", "Last (UTC)", "Step", "Gaps", "Min", "Max", "Energy MWh", "Run", "Rejected");
            foreach (var r in rows)
            {
                table.AddRow(r.Region, r.Series, r.Source, N(r.Rows), $"{r.FirstIntervalStart:yyyy-MM-dd HH:mm}", $"{r.LastIntervalEnd:yyyy-MM-dd HH:mm}",
                    $"{r.Resolution.TotalMinutes:0}m", N(r.Gaps), N(r.Min), N(r.Max), r.TotalEnergyMwh is { } e ? N(e) : "", N(r.LastIngestRunId), N(r.RejectedRows));
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            if (Console.IsOutputRedirected)
            {
                console.Profile.Width = 240; // a pipe or file has no width; do not wrap ids and dates
            }

            console.Write(table);
            return CurtailCli.Success;
        }));

        return new Command("data", "Look at the data in the store.") { summary };
    }

    private static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
