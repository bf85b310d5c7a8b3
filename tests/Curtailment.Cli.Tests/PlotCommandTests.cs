using Microsoft.Data.Sqlite;

namespace Curtailment.Cli.Tests;

[Trait("Category", "Integration")]
public sealed class PlotCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-plot-").FullName;

    private string Db => Path.Combine(_folder, "plot.db");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CurtailCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("actuals")]
    [InlineData("profile")]
    [InlineData("heatmap")]
    public async Task Plot_SimulatedData_WritesAPng(string kind)
    {
        var simulate = await RunAsync("simulate", "--out", Path.Combine(_folder, "sim"), "--start", "2025-04-01", "--days", "5", "--ingest", "--db", Db);
        var png = Path.Combine(_folder, $"{kind}.png");

        var plot = await RunAsync("plot", kind, "--region", "CAISO", "--from", "2025-04-01", "--to", "2025-04-05", "--out", png, "--db", Db, "--series", "demand_mw");

        Assert.Equal(0, simulate.Exit);
        Assert.Equal(0, plot.Exit);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.True(bytes.Length > 10_000);
    }

    [Fact]
    public async Task Plot_NoData_ExitsTwoNamingTheRange()
    {
        var result = await RunAsync("plot", "actuals", "--region", "CAISO", "--from", "2020-01-01", "--to", "2020-01-02", "--out", Path.Combine(_folder, "x.png"), "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("No total_curtailment_mw data for CAISO between 2020-01-01 and 2020-01-02", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlotForecast_NoVintage_SaysHowToMakeOne()
    {
        var result = await RunAsync("plot", "forecast", "--region", "SPP", "--out", Path.Combine(_folder, "f.png"), "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("curtail forecast --region SPP", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
