namespace Curtailment.ReplayServer.Tests;

/// <summary>The tool's arguments: each mistake is refused with a message naming the argument.</summary>
public class ReplayCommandLineTests
{
    [Theory]
    [InlineData(new[] { "--start", "soon" }, "--start")]
    [InlineData(new[] { "--urls", "not a url" }, "--urls")]
    [InlineData(new[] { "--urls", "https://example.org:5077" }, "--urls")]
    [InlineData(new[] { "--timeout-hold", "-00:01:00" }, "--timeout-hold")]
    [InlineData(new[] { "--start" }, "--start needs a value")]
    [InlineData(new[] { "--colour", "blue" }, "unknown argument '--colour'")]
    public void Parse_BadArgument_NamesIt(string[] args, string expected)
    {
        var data = Directory.CreateTempSubdirectory("replay-args").FullName;
        try
        {
            var error = Assert.Throws<ArgumentException>(() => ReplayCommandLine.Parse(["--data", data, .. args], data));

            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data);
        }
    }

    [Fact]
    public void Parse_MissingDataFolder_NamesDataAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "replay-no-such-folder");

        var error = Assert.Throws<ArgumentException>(() => ReplayCommandLine.Parse(["--data", missing], Path.GetTempPath()));

        Assert.Contains("--data", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoodArguments_GiveTheOptions()
    {
        var data = Directory.CreateTempSubdirectory("replay-args").FullName;
        try
        {
            var command = ReplayCommandLine.Parse(["--data", data, "--start", "2021-02-01T00:00Z", "--urls", "http://127.0.0.1:5077", "--timeout-hold", "00:00:10"], "/");

            Assert.Equal(new DateTimeOffset(2021, 2, 1, 0, 0, 0, TimeSpan.Zero), command.Start);
            Assert.Equal(data, command.Options.DataFolder);
            Assert.Equal(5077, command.Options.Url.Port);
            Assert.Equal(TimeSpan.FromSeconds(10), command.Options.TimeoutHold);
        }
        finally
        {
            Directory.Delete(data);
        }
    }
}
