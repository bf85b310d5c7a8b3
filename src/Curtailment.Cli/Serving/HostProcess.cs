using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Curtailment.Cli.Serving;

/// <summary>
/// Runs the host as a child process on this console: arguments forwarded, its exit code returned, and Ctrl+C or a
/// termination request passed on so that the host shuts down as it does when started directly.
/// </summary>
internal static class HostProcess
{
    public static async Task<int> RunAsync(string hostPath, IReadOnlyList<string> arguments)
    {
        var start = hostPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo(DotnetPath(), ["exec", hostPath, .. arguments])
            : new ProcessStartInfo(hostPath, arguments);
        // Same working directory as the caller: the host's content root (appsettings.json, relative store paths) is where
        // `curtail serve` was typed, as when the host is run there directly.
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {hostPath}.");
        // The host handles the signal (graceful shutdown); this process waits for it instead of ending first.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Forward(context, process));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Forward(context, process));
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }

    private static void Forward(PosixSignalContext context, Process process)
    {
        context.Cancel = true;
        // On Windows the console delivers Ctrl+C to every process attached to it, the host included. Elsewhere a
        // terminal's Ctrl+C reaches the host too (same process group), while a supervisor's SIGTERM or a `kill` reaches
        // only this process: pass it on. A repeated signal only asks the host again to stop.
        if (!OperatingSystem.IsWindows() && !process.HasExited)
        {
            _ = Kill(process.Id, context.Signal == PosixSignal.SIGINT ? 2 : 15);
        }
    }

    // `dotnet exec` with the muxer that runs this CLI when there is one, so both use the same runtime installation.
    private static string DotnetPath()
    {
        var muxer = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(muxer))
        {
            return muxer;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
