using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Time;

namespace Curtailment.Ingestion.Tests.Contract;

/// <summary>A file handed to an importer in a contract test: its name, its bytes and what the caller says about it.</summary>
public sealed record ContractFile(string Name, byte[] Content, string? Region = null, PublicationRule? Published = null)
{
    /// <summary>A fixture from TestData, under its own name unless another is given.</summary>
    public static ContractFile Fixture(string relative, string? name = null, string? region = null, PublicationRule? published = null) =>
        new(name ?? Path.GetFileName(relative), TestFiles.Bytes(relative), region, published);

    /// <summary>A file written in the test.</summary>
    public static ContractFile Text(string name, string text, string? region = null, PublicationRule? published = null) =>
        new(name, Encoding.UTF8.GetBytes(text), region, published);

    /// <summary>The same file with other bytes.</summary>
    public ContractFile With(byte[] content) => this with { Content = content };
}

/// <summary>
/// What every importer promises (issue: one rule in one place), run by each importer's contract class:
/// <list type="bullet">
/// <item>a structural problem fails the whole file with a message naming the file, line and column;</item>
/// <item>an empty file is refused as a whole;</item>
/// <item>importing the same file again is a no-op: the same batch, and no key twice in it, so the store's upsert
/// writes nothing new (the store itself skips a file whose hash it has, see the store contract tests);</item>
/// <item>a daylight-saving day comes out as distinct, non-overlapping UTC intervals, none lost.</item>
/// </list>
/// </summary>
public abstract class ImporterContract
{
    /// <summary>The importer under test.</summary>
    protected abstract IFileImporter Importer { get; }

    /// <summary>A good file.</summary>
    protected abstract ContractFile Valid { get; }

    /// <summary>A file with a structural problem, where it is, and a word the message must carry.</summary>
    protected abstract (ContractFile File, int Line, int Column, string Mentions) Structural { get; }

    /// <summary>A file of a daylight-saving day (or a day across one), a series it carries and how many intervals of it.</summary>
    protected abstract (ContractFile File, string Series, int Intervals) DaylightSaving { get; }

    /// <summary>The files this contract imports successfully (the valid file and the daylight-saving day).</summary>
    internal IEnumerable<ContractFile> GoodFiles => [Valid, DaylightSaving.File];

    internal ImportBatch Parse(ContractFile file)
    {
        using var stream = new MemoryStream(file.Content);
        return Importer.Parse(stream, new ImportContext(file.Name, TestFiles.Regions, file.Region, file.Published));
    }

    [Fact]
    public void Parse_StructuralProblem_FailsNamingFileLineAndColumn()
    {
        var (file, line, column, mentions) = Structural;

        var error = Assert.Throws<ImportFormatException>(() => Parse(file));

        Assert.Equal(file.Name, error.FileName);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"{file.Name}: line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public void Parse_EmptyFile_RefusedAsAWhole(string text)
    {
        var file = Valid.With(Encoding.UTF8.GetBytes(text));

        var error = Assert.Throws<ImportFormatException>(() => Parse(file));

        Assert.Equal(file.Name, error.FileName);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameFileTwice_SameBatchWithEachKeyOnce()
    {
        var first = Parse(Valid);
        var second = Parse(Valid);

        Assert.NotEmpty(first.Observations);
        Assert.Equal(first.Observations, second.Observations);
        Assert.Equal(first.Rejected, second.Rejected);
        Assert.Equal(first.Coverage, second.Coverage);
        var keys = first.Observations.Select(o => (o.Region, o.Series, o.IntervalStart, o.Source)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(first.Observations, o => Assert.Equal(Importer.Source, o.Source));
    }

    [Fact]
    public void Parse_DaylightSavingDay_DistinctNonOverlappingUtcIntervals()
    {
        var (file, series, intervals) = DaylightSaving;

        var batch = Parse(file);

        Assert.DoesNotContain(batch.Rejected, r => r.Reason.Contains("duplicate key", StringComparison.Ordinal));
        foreach (var group in batch.Observations.GroupBy(o => (o.Region, o.Series)))
        {
            var ordered = group.OrderBy(o => o.IntervalStart).ToList();
            Assert.All(ordered, o => Assert.Equal(TimeSpan.Zero, o.IntervalStart.Offset));
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i - 1].IntervalStart + ordered[i - 1].Duration <= ordered[i].IntervalStart,
                    $"{group.Key.Series}: {ordered[i - 1].IntervalStart:O} (+{ordered[i - 1].Duration}) overlaps {ordered[i].IntervalStart:O}");
            }
        }

        Assert.Equal(intervals, batch.Observations.Where(o => o.Series == series).Select(o => (o.Region, o.IntervalStart)).Distinct().Count());
    }
}
