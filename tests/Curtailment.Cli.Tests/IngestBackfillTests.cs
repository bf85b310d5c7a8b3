using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Curtailment.Cli.Tests;

/// <summary>
/// <c>curtail ingest --feed</c> end to end against the operator replay server in a process of its own
/// (<see cref="ReplayOperator"/>: CAISO's Today's Outlook published for 5 and 6 January 2021 only). The backfill's
/// failures (a 500, a refused file) and monthly periods are tested on <c>FeedBackfill</c> in the pipelines' tests.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IngestBackfillTests(ReplayOperator replay) : IClassFixture<ReplayOperator>, IDisposable
{
    private const string Feed = "caiso-outlook-demand";

    // Each row of the Outlook demand file holds three series: day-ahead and hour-ahead forecasts, current demand.
    private const int ObservationsPerDay = ReplayOperator.RowsPerDay * 3;

    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-backfill-").FullName;

    private string Db => Path.Combine(_folder, "cli.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CurtailCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private Task<(int Exit, string Output, string Error)> BackfillAsync(string from, string to, params string[] more) =>
        RunAsync(["ingest", "--feed", Feed, "--from", from, "--to", to, "--base-url", replay.BaseUrl, "--db", Db, .. more]);

    [Fact]
    public async Task IngestFeed_PublishedDays_FetchesEachDayAndStoresItsObservations()
    {
        var result = await BackfillAsync("2021-01-05", "2021-01-06");

        Assert.True(result.Exit == 0, result.Error + replay.Log());
        Assert.Contains($"2021-01-05 fetched       20210105_demand.csv: Succeeded, {ObservationsPerDay} observations, 0 rejected", result.Output, StringComparison.Ordinal);
        Assert.Contains($"2021-01-06 fetched       20210106_demand.csv: Succeeded, {ObservationsPerDay} observations, 0 rejected", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{Feed}: 2 period(s), 2 fetched, 0 not published, 0 failed.", result.Output, StringComparison.Ordinal);
        Assert.Equal(2 * ObservationsPerDay, Scalar("SELECT COUNT(*) FROM observation"));
        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM ingest_run WHERE status = 'Succeeded'"));
        // The first row's current demand, at the interval the replay wrote it for (00:00-00:05 Pacific = 08:00 UTC).
        var start = new DateTimeOffset(2021, 1, 5, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM observation WHERE value = {ReplayOperator.FirstDemand} AND interval_start = {start}"));
    }

    [Fact]
    public async Task IngestFeed_DaysNotPublished_ReportsThemAndExitsZero()
    {
        var result = await BackfillAsync("2021-01-06", "2021-01-08", "--json");

        Assert.True(result.Exit == 0, result.Error + replay.Log());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("fetched").GetInt32());
        Assert.Equal(2, root.GetProperty("notPublished").GetInt32());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());
        var periods = root.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["2021-01-06", "2021-01-07", "2021-01-08"], periods.Select(p => p.GetProperty("period").GetString()));
        Assert.Equal(["fetched", "not-published", "not-published"], periods.Select(p => p.GetProperty("outcome").GetString()));
        Assert.Contains("20210107/demand.csv answered 404", periods[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(ObservationsPerDay, Scalar("SELECT COUNT(*) FROM observation"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM ingest_run"));
    }

    [Fact]
    public async Task IngestFeed_SameRangeTwice_SecondRunChangesNothing()
    {
        await BackfillAsync("2021-01-05", "2021-01-05");
        var before = Scalar("SELECT COUNT(*) FROM observation");

        var again = await BackfillAsync("2021-01-05", "2021-01-05");

        Assert.Equal(0, again.Exit);
        Assert.Contains("20210105_demand.csv: Unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(ObservationsPerDay, before);
        Assert.Equal(before, Scalar("SELECT COUNT(*) FROM observation"));
    }

    [Theory]
    [InlineData("--feed nope --from 2021-01-06 --to 2021-01-06 --base-url {url}", "Unknown feed 'nope'. Known feeds: ")]
    [InlineData("--feed caiso-outlook-demand --from 2021-13-06 --to 2021-01-06 --base-url {url}", "--from '2021-13-06' is not a date (yyyy-MM-dd).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-06 --to 6/1/2021 --base-url {url}", "--to '6/1/2021' is not a date (yyyy-MM-dd).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-06 --to 2021-01-05 --base-url {url}", "--to (2021-01-05) is before --from (2021-01-06).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-06 --to 2021-01-06 --base-url ftp://x", "--base-url 'ftp://x' must be an absolute http(s) URL.")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-06 --base-url {url}", "--feed needs --from and --to (yyyy-MM-dd).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-06 --to 2021-01-06 --source tidy", "Give either --feed (with --from and --to) or --source with --file, not both.")]
    [InlineData("--source tidy", "Give --source and --file (files or folders to import), or --feed with --from and --to (a backfill).")]
    [InlineData("--source tidy --file x.csv --from 2021-01-06", "--from, --to and --base-url go with --feed.")]
    public async Task IngestFeed_BadArguments_ExitsTwoNamingTheParameterAndChangesNothing(string arguments, string expected)
    {
        // A store holding one day already; every command below would add the 6th had it run.
        Assert.Equal(0, (await BackfillAsync("2021-01-05", "2021-01-05")).Exit);
        var before = (Scalar("SELECT COUNT(*) FROM observation"), Scalar("SELECT COUNT(*) FROM ingest_run"));

        var result = await RunAsync(["ingest", .. arguments.Replace("{url}", replay.BaseUrl, StringComparison.Ordinal).Split(' '), "--db", Db]);

        Assert.Equal(CurtailCli.UsageError, result.Exit);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, (Scalar("SELECT COUNT(*) FROM observation"), Scalar("SELECT COUNT(*) FROM ingest_run")));
    }

    [Fact]
    public async Task IngestHelp_ListsTheFeedNames()
    {
        var result = await RunAsync("ingest", "--help");

        Assert.Equal(0, result.Exit);
        foreach (var feed in new[] { "caiso-outlook-demand", "caiso-outlook-fuelsource", "caiso-oasis-renewables-forecast", "caiso-renewables-report", "aemo-price-demand-sa1", "eia930-ciso" })
        {
            Assert.Contains(feed, result.Output, StringComparison.Ordinal);
        }
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
