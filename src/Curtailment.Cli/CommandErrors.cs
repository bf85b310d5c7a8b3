using Curtailment.Core.Regions;
using Microsoft.Extensions.Options;

namespace Curtailment.Cli;

/// <summary>Turns failures into one clear line (details under <c>--verbose</c>) and an exit code.</summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(TextWriter error, bool verbose, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is UnknownRegionException or ArgumentException or FileNotFoundException or DirectoryNotFoundException
            or OptionsValidationException or InvalidDataException or FormatException or Curtailment.Pipelines.Backtest.BacktestException or Curtailment.Models.Trees.InsufficientHistoryException
            or Curtailment.Pipelines.Serving.ForecastUnavailableException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            if (verbose)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return CurtailCli.UsageError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled.");
            return CurtailCli.Unexpected;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: one line, not a stack dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"error: {e.Message}{(verbose ? Environment.NewLine + e : " (--verbose for details)")}");
            return CurtailCli.Unexpected;
        }
    }
}
