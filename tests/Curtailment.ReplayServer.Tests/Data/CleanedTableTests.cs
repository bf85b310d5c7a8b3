using Curtailment.ReplayServer.Data;

namespace Curtailment.ReplayServer.Tests.Data;

/// <summary>The in-memory index of a cleaned file: rows found by time, bad files refused with file, line and column.</summary>
public class CleanedTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("replay-table").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Load_TwoFiles_FindsRowsByTimeAcrossThem()
    {
        File.WriteAllText(Path.Combine(_folder, "t_2.csv"), "interval_start_utc,value\n2021-01-01T01:00:00+00:00,3\n");
        File.WriteAllText(Path.Combine(_folder, "t_1.csv"), "interval_start_utc,value\n2021-01-01T00:00:00+00:00,1\r\n2021-01-01T00:30:00+00:00,2\r\n");

        var table = CleanedTable.Load(_folder, "t_*.csv", "interval_start_utc");
        var (from, to) = table.Range(new DateTimeOffset(2021, 1, 1, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 1, 1, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal(3, table.Count);
        Assert.Equal(["2", "3"], Enumerable.Range(from, to - from).Select(i => table.Row(i)["value"]));
    }

    [Fact]
    public void Load_BadInstant_NamesFileLineAndColumn()
    {
        var path = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(path, "value,interval_start_utc\n1,2021-01-01T00:00:00+00:00\n2,2021-01-01 00:05\n");

        var error = Assert.Throws<InvalidDataException>(() => CleanedTable.Load(_folder, "bad.csv", "interval_start_utc"));

        Assert.Contains($"{path}: line 3, column 2 (interval_start_utc): '2021-01-01 00:05'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoKeyColumn_NamesTheFileAndTheColumn()
    {
        File.WriteAllText(Path.Combine(_folder, "other.csv"), "time,value\n");

        var error = Assert.Throws<InvalidDataException>(() => CleanedTable.Load(_folder, "other.csv", "interval_start_utc"));

        Assert.Contains("other.csv: line 1: no 'interval_start_utc' column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoMatchingFile_NamesThePatternAndFolder()
    {
        var error = Assert.Throws<FileNotFoundException>(() => CleanedTable.Load(_folder, "caiso_*.csv", "interval_start_utc"));

        Assert.Contains("caiso_*.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
    }
}
