using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Curtailment.Cli.Tests;

/// <summary>The command line end to end, in process, against a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class CurtailCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-cli-").FullName;

    private string Db => Path.Combine(_folder, "cli.db");

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CurtailCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private const string TidyFile = """
        interval_start_utc,region,series,value
        2021-03-01T20:00:00+00:00,CAISO,total_curtailment_mw,600
        2021-03-01T20:05:00+00:00,CAISO,total_curtailment_mw,1200
        2021-03-01T20:10:00+00:00,CAISO,total_curtailment_mw,not-a-number

        """;

    [Fact]
    public async Task Ingest_ThenSummaryJson_ReportsRowsEnergyAndRejections()
    {
        var file = WriteFile("tidy.csv", TidyFile);

        var ingest = await RunAsync("ingest", "--source", "tidy", "--file", file, "--published", "nextday@10:00", "--db", Db);
        var summary = await RunAsync("data", "summary", "--db", Db, "--json");

        Assert.Equal(0, ingest.Exit);
        Assert.Contains("3 rows, 2 observations, 1 rejected", ingest.Output, StringComparison.Ordinal);
        Assert.Equal(0, summary.Exit);
        using var json = JsonDocument.Parse(summary.Output);
        var series = json.RootElement.GetProperty("series").EnumerateArray().Single();
        Assert.Equal("total_curtailment_mw", series.GetProperty("series").GetString());
        Assert.Equal(2, series.GetProperty("rows").GetInt64());
        Assert.Equal(150, series.GetProperty("totalEnergyMwh").GetDouble(), 6); // (600 + 1200) x 5/60
        Assert.Equal(1, series.GetProperty("rejectedRows").GetInt64());
    }

    [Fact]
    public async Task Ingest_SameFileTwice_ReportsUnchangedAndKeepsCounts()
    {
        var file = WriteFile("tidy.csv", TidyFile);
        await RunAsync("ingest", "--source", "tidy", "--file", file, "--published", "realtime", "--db", Db);

        var again = await RunAsync("ingest", "--source", "tidy", "--file", file, "--published", "realtime", "--db", Db, "--json");

        Assert.Equal(0, again.Exit);
        using var json = JsonDocument.Parse(again.Output);
        Assert.Equal("Unchanged", json.RootElement[0].GetProperty("status").GetString());
        Assert.Equal(2, CountObservations());
    }

    [Fact]
    public async Task Ingest_StructurallyBadFile_ExitsOneNamesLineAndColumnAndStoresNothing()
    {
        var file = WriteFile("wrong.csv", "Date,Hour\n1/1/2021,8\n");

        var result = await RunAsync("ingest", "--source", "tidy", "--file", file, "--published", "realtime", "--db", Db);

        Assert.Equal(1, result.Exit);
        Assert.Contains("wrong.csv: line 1, column 1:", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, CountObservations());
    }

    [Theory]
    [InlineData("--region", "ATLANTIS", "Unknown region 'ATLANTIS'")]
    [InlineData("--published", "whenever", "Publication rule 'whenever'")]
    [InlineData("--source", "nope", "Unknown source 'nope'")]
    public async Task Ingest_BadParameter_ExitsTwoWithOneClearLine(string option, string value, string expected)
    {
        var file = WriteFile("tidy.csv", TidyFile);
        var args = new List<string> { "ingest", "--source", "tidy", "--file", file, "--published", "realtime", "--db", Db };
        var index = args.IndexOf(option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = await RunAsync([.. args]);

        Assert.Equal(2, result.Exit);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Ingest_MissingFile_ExitsTwoNamingThePath()
    {
        var result = await RunAsync("ingest", "--source", "tidy", "--file", Path.Combine(_folder, "absent.csv"), "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains("absent.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_EmptyStore_SaysHowToFillIt()
    {
        var result = await RunAsync("data", "summary", "--db", Db);

        Assert.Equal(0, result.Exit);
        Assert.Contains("curtail ingest", result.Output, StringComparison.Ordinal);
    }

    private long CountObservations()
    {
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM observation";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
