using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Curtailment.Cli.Tests;

/// <summary>backtest, train and forecast from the command line, on simulated data in a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class ForecastingCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-forecasting-").FullName;

    private string Db => Path.Combine(_folder, "f.db");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CurtailCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Backtest_RegionWithNoData_ExitsTwoSayingWhatToImport()
    {
        var result = await RunAsync("backtest", "--region", "ERCOT", "--from", "2025-04-01", "--to", "2025-04-03", "--out", Path.Combine(_folder, "bt"), "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("Region ERCOT has no total_curtailment_mw published before", result.Error, StringComparison.Ordinal);
        Assert.Contains("import at least 14 days of history", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_ToBeforeFrom_ExitsTwo()
    {
        var result = await RunAsync("backtest", "--region", "CAISO", "--from", "2025-04-03", "--to", "2025-04-01", "--out", Path.Combine(_folder, "bt"), "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--to 2025-04-01 is before --from 2025-04-03", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_BadRetrainCadence_ExitsTwoNamingTheOption()
    {
        var result = await RunAsync("backtest", "--region", "CAISO", "--from", "2025-04-01", "--to", "2025-04-02", "--out", _folder, "--retrain-every", "weekly", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--retrain-every 'weekly'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_BadRetrainCron_ExitsTwoNamingTheOption()
    {
        var result = await RunAsync("backtest", "--region", "CAISO", "--from", "2025-04-01", "--to", "2025-04-02", "--out", _folder, "--retrain-cron", "every monday", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--retrain-cron: 'every monday' is not a five-field cron expression", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_TooLittleHistory_ExitsTwoSayingHowMuchIsNeeded()
    {
        await RunAsync("simulate", "--out", Path.Combine(_folder, "sim"), "--start", "2025-04-01", "--days", "5", "--ingest", "--db", Db);

        var result = await RunAsync("train", "--region", "CAISO", "--through", "2025-04-05", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("training needs at least", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_NoModel_StoresABaselineVintageLabelledAsSuch()
    {
        await RunAsync("simulate", "--out", Path.Combine(_folder, "sim"), "--start", "2025-04-01", "--days", "10", "--ingest", "--db", Db);

        var result = await RunAsync("forecast", "--region", "CAISO", "--issued-at", "2025-04-09T10:00:00-07:00", "--db", Db, "--json");

        Assert.Equal(0, result.Exit);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("week_profile", json.RootElement.GetProperty("modelVersion").GetString());
        Assert.Equal(DateTimeOffset.Parse("2025-04-09T17:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), json.RootElement.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.True(json.RootElement.GetProperty("points").GetArrayLength() > 288);
    }

    [Fact]
    public async Task Forecast_IssuedAtWithoutOffset_ExitsTwo()
    {
        var result = await RunAsync("forecast", "--region", "CAISO", "--issued-at", "yesterday", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--issued-at 'yesterday'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_AsServed_AnswersFromTheStoredVintageLimitedToTheRange()
    {
        await RunAsync("simulate", "--out", Path.Combine(_folder, "sim"), "--start", "2025-04-01", "--days", "10", "--ingest", "--db", Db);
        var issued = await RunAsync("forecast", "--region", "CAISO", "--issued-at", "2025-04-09T10:00:00-07:00", "--db", Db, "--json");
        using var stored = JsonDocument.Parse(issued.Output);

        var result = await RunAsync("forecast", "--region", "CAISO", "--as-served", "--from", "2025-04-09T18:00:00Z", "--to", "2025-04-10T00:00:00Z", "--db", Db, "--json");

        Assert.Equal(0, result.Exit);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(stored.RootElement.GetProperty("id").GetInt64(), json.RootElement.GetProperty("id").GetInt64());
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(72, points.Count);
        Assert.Equal(DateTimeOffset.Parse("2025-04-09T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture), points[0].GetProperty("intervalStart").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2025-04-10T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), points[^1].GetProperty("intervalEnd").GetDateTimeOffset());
    }

    [Fact]
    public async Task Forecast_AsServedRegionWithoutData_ExitsTwoSayingWhatIsMissing()
    {
        var result = await RunAsync("forecast", "--region", "ERCOT", "--as-served", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("No total_curtailment_mw observations are stored for ERCOT", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--issued-at", "2025-04-09T10:00:00-07:00", "exclude each other")]
    [InlineData("--to", "2025-04-09T10:00:00Z", "--to 2025-04-09T10:00:00+00:00 must be later than --from")]
    public async Task Forecast_AsServedBadOptions_ExitsTwoNamingTheOption(string option, string value, string message)
    {
        var result = await RunAsync("forecast", "--region", "CAISO", "--as-served", "--from", "2025-04-09T12:00:00Z", option, value, "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_RangeWithoutAsServed_ExitsTwo()
    {
        var result = await RunAsync("forecast", "--region", "CAISO", "--from", "2025-04-09T12:00:00Z", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("--from and --to need --as-served", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
