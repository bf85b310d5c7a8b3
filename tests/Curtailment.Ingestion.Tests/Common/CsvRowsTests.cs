using System.Globalization;
using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Common;
using CsvHelper;
using CsvHelper.Configuration;

namespace Curtailment.Ingestion.Tests.Common;

public class CsvRowsTests
{
    private static CsvRows Open(string text) => CsvRows.Open(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv");

    [Fact]
    public void Rows_QuotedFieldOverTwoLinesAndBlankLines_KeepFileLinesAndRawText()
    {
        using var csv = Open("a,b\r\n\"x\ny\",1\r\n\r\n , \n  2,3\nlast,4");

        Assert.Equal(1, csv.Header.Line);
        Assert.Equal(["a", "b"], csv.Header.Fields);
        Assert.Equal("a,b", csv.Header.Raw);
        Assert.Collection(csv.Rows(),
            r =>
            {
                Assert.Equal(2, r.Line);
                Assert.Equal(["x\ny", "1"], r.Fields);
                Assert.Equal("\"x\ny\",1", r.Raw);
            },
            r =>
            {
                // Line 4 is blank and line 5 only separators: both skipped, the numbering goes on.
                Assert.Equal(6, r.Line);
                Assert.Equal("  2,3", r.Raw);
            },
            r =>
            {
                // No final line break, but the record is whole: not truncated.
                Assert.Equal(7, r.Line);
                Assert.Equal(["last", "4"], r.Fields);
                Assert.Equal("last,4", r.Raw);
            });
    }

    [Fact]
    public void Rows_EveryCsvFixture_SameRecordsAsCsvHelperReadsThem()
    {
        var fixtures = Directory.GetFiles(TestFiles.PathOf(""), "*.csv", SearchOption.AllDirectories);
        Assert.NotEmpty(fixtures);
        foreach (var path in fixtures)
        {
            var expected = ReadWithRawRecord(File.ReadAllText(path));
            var header = expected.First(r => !IsBlank(r.Fields));
            var lastIsShort = !File.ReadAllText(path).EndsWith('\n') && expected[^1].Fields.Length < header.Fields.Length;
            if (lastIsShort)
            {
                Assert.Throws<ImportFormatException>(() => CsvRows.Open(File.OpenRead(path), Path.GetFileName(path)));
                continue;
            }

            using var csv = CsvRows.Open(File.OpenRead(path), Path.GetFileName(path));
            var actual = csv.Rows().Select(r => Describe(r.Line, r.Fields, r.Raw)).ToList();
            var rows = expected.SkipWhile(r => r != header).Skip(1).Where(r => !IsBlank(r.Fields)).Select(r => Describe(r.Line, r.Fields, r.Raw)).ToList();
            Assert.Equal(Describe(header.Line, header.Fields, header.Raw), Describe(csv.Header.Line, csv.Header.Fields, csv.Header.Raw));
            Assert.Equal(rows, actual);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_Utf8WithByteOrderMark_SameTextFromVisibleBufferAndReader(bool visible)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("zone,wert\nMünchen,1\n")).ToArray();
        // A visible buffer is decoded in one call, another stream through a StreamReader: the text must not differ.
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: visible);

        using var csv = CsvRows.Open(stream, "test.csv");

        Assert.Equal(["zone", "wert"], csv.Header.Fields);
        Assert.Equal("München,1", Assert.Single(csv.Rows()).Raw);
    }

    [Fact]
    public void Open_Utf16WithByteOrderMark_IsDecodedAsUtf16()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n1,2\n")).ToArray();
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);

        using var csv = CsvRows.Open(stream, "test.csv");

        Assert.Equal(["a", "b"], csv.Header.Fields);
        Assert.Equal(["1", "2"], Assert.Single(csv.Rows()).Fields);
    }

    [Fact]
    public void Open_LastRecordCutShort_ThrowsNamingLineAndFieldCount()
    {
        var e = Assert.Throws<ImportFormatException>(() => Open("a,b,c\n1,2,3\n4,5"));

        Assert.Equal(3, e.Line);
        Assert.Equal(2, e.Column);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OnlySeparators_ThrowsNoRows()
    {
        var e = Assert.Throws<ImportFormatException>(() => Open(" , \n,,\n"));

        Assert.Contains("no rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Whitespace_ThrowsEmpty()
    {
        var e = Assert.Throws<ImportFormatException>(() => Open(" \r\n "));

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_ReadTwice_Throws()
    {
        using var csv = Open("a\n1\n");
        _ = csv.Rows().ToList();

        Assert.Throws<InvalidOperationException>(() => csv.Rows());
    }

    [Fact]
    public void EstimatedRows_CountsLineBreaks()
    {
        using var csv = Open("a\n1\n2\n3\n");

        Assert.Equal(4, csv.EstimatedRows);
    }

    private static string Describe(int line, string[] fields, string raw) => $"{line}|{string.Join('\u001F', fields)}|{raw}";

    private static bool IsBlank(string[] fields) => fields.All(string.IsNullOrWhiteSpace);

    /// <summary>The records as CsvHelper gives them, with its own raw text of each: the reference the reader must match.</summary>
    private static List<(int Line, string[] Fields, string Raw)> ReadWithRawRecord(string text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(new StringReader(text.TrimStart('\uFEFF')), config);
        var records = new List<(int, string[], string)>();
        var line = 1;
        while (parser.Read())
        {
            records.Add((line, parser.Record ?? [], parser.RawRecord.TrimEnd('\r', '\n')));
            line = parser.RawRow + 1;
        }

        return records;
    }
}
