using System.CommandLine;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Pipelines.Plots;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Cli.Commands;

/// <summary><c>curtail plot ...</c>: PNG plots with local-time axes and units.</summary>
internal static class PlotCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var plot = new Command("plot", "Write PNG plots (local time, units on the axes). Backtest plots come with 'curtail backtest'.");
        plot.Subcommands.Add(SeriesPlot("actuals", "A series over time.", (region, series, name) => CurtailmentPlots.Actuals(region, series, name), output, error));
        plot.Subcommands.Add(SeriesPlot("profile", "Mean by hour of day, one line per month.", (region, series, name) => CurtailmentPlots.DailyProfiles(region, series, name), output, error));
        plot.Subcommands.Add(SeriesPlot("heatmap", "Hour of day by day.", (region, series, name) => CurtailmentPlots.HeatMap(region, series, name), output, error));
        plot.Subcommands.Add(ForecastPlot(output, error));
        return plot;
    }

    private static Command SeriesPlot(string name, string description, Func<Region, DenseSeries, string, byte[]> render, TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region(required: true);
        var from = new Option<DateOnly>("--from") { Description = "First local day.", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last local day (inclusive).", Required = true };
        var series = new Option<string?>("--series") { Description = "Series id (default: the region's target, e.g. total_curtailment_mw)." };
        var outFile = new Option<string>("--out") { Description = "PNG file to write.", Required = true };
        var db = CommonOptions.Db();
        var command = new Command(name, description) { region, from, to, series, outFile, db };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            if (parse.GetValue(to) < parse.GetValue(from))
            {
                throw new ArgumentException("--to is before --from.");
            }

            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var r = services.GetRequiredService<IRegionCatalog>().Get(parse.GetValue(region)!);
            var seriesId = parse.GetValue(series) ?? r.Target.Series;
            var (start, end) = CurtailmentPlots.Days(r, parse.GetValue(from), parse.GetValue(to));
            var step = name == "actuals" ? r.NativeResolution : TimeSpan.FromHours(1);
            var data = await services.GetRequiredService<IObservationReader>().ReadDenseAsync(
                new ObservationQuery(r.Id, seriesId, start, end, DateTimeOffset.UtcNow), step, cancellationToken);
            if (data.KnownCount == 0)
            {
                throw new ArgumentException($"No {seriesId} data for {r.Id} between {parse.GetValue(from):yyyy-MM-dd} and {parse.GetValue(to):yyyy-MM-dd}.");
            }

            await File.WriteAllBytesAsync(parse.GetValue(outFile)!, render(r, data, seriesId), cancellationToken);
            await output.WriteLineAsync($"wrote {parse.GetValue(outFile)}");
            return CurtailCli.Success;
        }));
        return command;
    }

    private static Command ForecastPlot(TextWriter output, TextWriter error)
    {
        var region = CommonOptions.Region(required: true);
        var outFile = new Option<string>("--out") { Description = "PNG file to write.", Required = true };
        var db = CommonOptions.Db();
        var command = new Command("forecast", "The newest stored forecast vintage with its 80% band, event probability and (where known) actuals.") { region, outFile, db };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(error, parse.GetValue(CommonOptions.Verbose), async () =>
        {
            await using var services = CliServices.Build(parse.GetValue(db), parse.GetValue(CommonOptions.Verbose));
            var r = services.GetRequiredService<IRegionCatalog>().Get(parse.GetValue(region)!);
            var vintage = (await services.GetRequiredService<IForecastStore>().ListForecastsAsync(r.Id, DateTimeOffset.MinValue.AddYears(2000), DateTimeOffset.MaxValue.AddYears(-1), cancellationToken))
                .LastOrDefault() ?? throw new ArgumentException($"No stored forecast for {r.Id}: run 'curtail forecast --region {r.Id}' first.");
            var actual = await services.GetRequiredService<IObservationReader>().ReadDenseAsync(
                new ObservationQuery(r.Id, r.Target.Series, vintage.Points[0].IntervalStart, vintage.Points[^1].IntervalEnd, DateTimeOffset.UtcNow),
                vintage.Points[0].IntervalEnd - vintage.Points[0].IntervalStart, cancellationToken);
            await File.WriteAllBytesAsync(parse.GetValue(outFile)!, CurtailmentPlots.Forecast(r, vintage, actual.KnownCount > 0 ? actual : null), cancellationToken);
            await output.WriteLineAsync($"wrote {parse.GetValue(outFile)}");
            return CurtailCli.Success;
        }));
        return command;
    }
}
