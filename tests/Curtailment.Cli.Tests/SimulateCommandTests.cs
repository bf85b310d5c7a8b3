using System.Diagnostics;
using System.Security.Cryptography;

namespace Curtailment.Cli.Tests;

[Trait("Category", "Integration")]
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-simulate-").FullName;

    /// <summary>Runs the built CLI in a process of its own (hash randomisation differs between processes).</summary>
    private async Task<int> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "curtail.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task Simulate_SameSeedInTwoProcesses_WritesIdenticalFiles()
    {
        var first = Path.Combine(_folder, "a");
        var second = Path.Combine(_folder, "b");

        Assert.Equal(0, await RunProcessAsync("simulate", "--out", first, "--start", "2025-04-01", "--days", "3", "--seed", "5"));
        Assert.Equal(0, await RunProcessAsync("simulate", "--out", second, "--start", "2025-04-01", "--days", "3", "--seed", "5"));

        var a = Hashes(first);
        Assert.True(a.Count >= 6, $"{a.Count} files");
        Assert.Equal(a, Hashes(second));
    }

    [Fact]
    public async Task Simulate_JsonWithIngest_ListsEveryFileWithItsRun()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CurtailCli.RunAsync(
            ["simulate", "--out", Path.Combine(_folder, "sim"), "--start", "2025-04-01", "--days", "3", "--ingest", "--json", "--db", Path.Combine(_folder, "s.db")],
            output, error);

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        var files = json.RootElement.EnumerateArray().ToList();
        Assert.True(files.Count >= 6);
        Assert.All(files, f => Assert.StartsWith("SYNTHETIC_", Path.GetFileName(f.GetProperty("path").GetString()), StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal("Succeeded", f.GetProperty("run").GetProperty("status").GetString()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
