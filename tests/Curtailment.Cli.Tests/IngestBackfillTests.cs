using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Cli.Tests;

/// <summary>
/// <c>curtail ingest --feed</c> against a loopback Kestrel playing CAISO's Today's Outlook history: the 5th and 6th of
/// January 2021 published (fixtures in the operator's layout), the 7th answering 500, the 8th not published (404),
/// the 9th a file in a layout the importer does not know.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IngestBackfillTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-backfill-").FullName;
    private readonly List<string> _requests = [];
    private WebApplication _operator = null!;
    private string _baseUrl = "";

    private string Db => Path.Combine(_folder, "cli.db");

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _operator = builder.Build();
        ((IApplicationBuilder)_operator).Run(ServeAsync);
        await _operator.StartAsync();
        _baseUrl = _operator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        await _operator.StopAsync();
        await _operator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        lock (_requests)
        {
            _requests.Add(path);
        }

        var day = path.Split('/') is [_, "outlook", "history", var d, "demand.csv"] ? d : null;
        var fixture = day is null ? null : Path.Combine(AppContext.BaseDirectory, "TestData", "Caiso", "Outlook", day, "demand.csv");
        if (fixture is not null && File.Exists(fixture))
        {
            var bytes = await File.ReadAllBytesAsync(fixture);
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        }
        else if (day == "20210107")
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        else if (day == "20210109")
        {
            var bytes = "Hour,Load\n1,20000\n"u8.ToArray();
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CurtailCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task IngestFeed_PublishedDays_FetchesEachPeriodAndImportsIt()
    {
        var result = await RunAsync("ingest", "--feed", "caiso-outlook-demand", "--from", "2021-01-05", "--to", "2021-01-06", "--base-url", _baseUrl, "--db", Db);

        Assert.True(result.Exit == 0, result.Error);
        Assert.Contains("2021-01-05 fetched       20210105_demand.csv: Succeeded", result.Output, StringComparison.Ordinal);
        Assert.Contains("2021-01-06 fetched       20210106_demand.csv: Succeeded", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 period(s), 2 fetched, 0 not published, 0 failed", result.Output, StringComparison.Ordinal);
        Assert.Equal(["/outlook/history/20210105/demand.csv", "/outlook/history/20210106/demand.csv"], _requests);
        Assert.True(Scalar("SELECT COUNT(*) FROM observation") > 0);
    }

    [Fact]
    public async Task IngestFeed_FailingMissingAndRefusedDays_ReportsEachPeriodAndExitsOne()
    {
        var result = await RunAsync("ingest", "--feed", "caiso-outlook-demand", "--from", "2021-01-06", "--to", "2021-01-09", "--base-url", _baseUrl, "--db", Db, "--json");

        Assert.Equal(1, result.Exit);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("fetched").GetInt32());
        Assert.Equal(1, root.GetProperty("notPublished").GetInt32());
        Assert.Equal(2, root.GetProperty("failed").GetInt32());
        var periods = root.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["fetched", "failed", "not-published", "failed"], periods.Select(p => p.GetProperty("outcome").GetString()));
        Assert.Contains("500", periods[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("20210107/demand.csv", periods[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        // The importer's refusal names the file (and line and column) as the other ingest paths do.
        Assert.StartsWith("20210109_demand.csv: line 1", periods[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Failed", periods[3].GetProperty("status").GetString());
        // The good day was stored; the refused file stored nothing but its failed run.
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM ingest_run WHERE status = 'Failed'"));
    }

    [Fact]
    public async Task IngestFeed_SameRangeTwice_SecondRunChangesNothing()
    {
        await RunAsync("ingest", "--feed", "caiso-outlook-demand", "--from", "2021-01-05", "--to", "2021-01-05", "--base-url", _baseUrl, "--db", Db);
        var before = Scalar("SELECT COUNT(*) FROM observation");

        var again = await RunAsync("ingest", "--feed", "caiso-outlook-demand", "--from", "2021-01-05", "--to", "2021-01-05", "--base-url", _baseUrl, "--db", Db);

        Assert.Equal(0, again.Exit);
        Assert.Contains("20210105_demand.csv: Unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(before, Scalar("SELECT COUNT(*) FROM observation"));
    }

    [Theory]
    [InlineData("--feed nope --from 2021-01-05 --to 2021-01-05", "Unknown feed 'nope'. Known feeds: ")]
    [InlineData("--feed caiso-outlook-demand --from 2021-13-05 --to 2021-01-05", "--from '2021-13-05' is not a date (yyyy-MM-dd).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-06 --to 2021-01-05", "--to (2021-01-05) is before --from (2021-01-06).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-05 --to 2021-01-05 --base-url ftp://x", "--base-url 'ftp://x' must be an absolute http(s) URL.")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-05", "--feed needs --from and --to (yyyy-MM-dd).")]
    [InlineData("--feed caiso-outlook-demand --from 2021-01-05 --to 2021-01-05 --source tidy", "Give either --feed (with --from and --to) or --source with --file, not both.")]
    [InlineData("--source tidy", "Give --source and --file (files or folders to import), or --feed with --from and --to (a backfill).")]
    public async Task IngestFeed_BadArguments_ExitsTwoNamingTheParameter(string arguments, string expected)
    {
        var result = await RunAsync(["ingest", .. arguments.Split(' '), "--db", Db]);

        Assert.Equal(2, result.Exit);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(_requests);
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
