using System.CommandLine;
using Curtailment.Cli.Commands;

namespace Curtailment.Cli;

/// <summary>
/// The <c>curtail</c> command. Exit codes: 0 success, 1 some input was refused (failed file, rejected
/// request), 2 usage error, 3 unexpected failure.
/// </summary>
public static class CurtailCli
{
    public const int Success = 0;
    public const int InputRefused = 1;
    public const int UsageError = 2;
    public const int Unexpected = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("curtail: forecasts of renewable curtailment, from operator data to scheduler-ready windows.");
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(IngestCommand.Create(output, error));
        root.Subcommands.Add(DataCommand.Create(output, error));
        root.Subcommands.Add(BacktestCommand.Create(output, error));
        root.Subcommands.Add(TrainCommand.Create(output, error));
        root.Subcommands.Add(ForecastCommand.Create(output, error));
        root.Subcommands.Add(SimulateCommand.Create(output, error));
        root.Subcommands.Add(PlotCommand.Create(output, error));
        root.Subcommands.Add(ServeCommand.Create(error));

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (parse.CommandResult.Command.Name == ServeCommand.Name)
        {
            // The host process handles Ctrl+C and SIGTERM itself; serve waits for it rather than cancelling after a timeout.
            configuration.ProcessTerminationTimeout = null;
        }

        return await parse.InvokeAsync(configuration);
    }
}
