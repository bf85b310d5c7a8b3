using System.Collections.Concurrent;
using System.Globalization;
using Curtailment.Testing;

namespace Curtailment.ReplayServer.Tests;

/// <summary>
/// Reads a cleaned file of ../shared/data/real on its own (not through the server's code): the expected values.
/// </summary>
internal static class CleanedFile
{
    private static readonly ConcurrentDictionary<string, string[]> Lines = new(StringComparer.Ordinal);

    /// <summary>
    /// The non-empty values of <paramref name="valueColumn"/> by the instant in <paramref name="keyColumn"/>, for keys in
    /// <c>[from, to)</c>, over the files of <paramref name="folder"/> matching <paramref name="pattern"/>.
    /// </summary>
    public static Dictionary<DateTimeOffset, double> Values(string folder, string pattern, string keyColumn, string valueColumn,
        DateTimeOffset from, DateTimeOffset to)
    {
        var values = new Dictionary<DateTimeOffset, double>();
        foreach (var path in Directory.GetFiles(Path.Combine(Requires.RealData(), folder), pattern))
        {
            var lines = Lines.GetOrAdd(path, File.ReadAllLines);
            var header = lines[0].Split(',');
            var key = Array.IndexOf(header, keyColumn);
            var value = Array.IndexOf(header, valueColumn);
            Assert.True(key >= 0 && value >= 0, $"{path} lacks {keyColumn} or {valueColumn}");
            foreach (var line in lines.Skip(1))
            {
                // The key columns start every cleaned row: compare the date text before splitting the whole line.
                var fields = line.Split(',', key + 2);
                var instant = DateTimeOffset.ParseExact(fields[key], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture).ToUniversalTime();
                if (instant < from || instant >= to)
                {
                    continue;
                }

                fields = line.Split(',');
                if (fields[value].Length > 0)
                {
                    values[instant] = double.Parse(fields[value], CultureInfo.InvariantCulture);
                }
            }
        }

        return values;
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/>'s intervals and values.</summary>
    public static void Equal(Dictionary<DateTimeOffset, double> expected, Dictionary<DateTimeOffset, double> actual, string what, double tolerance = 0)
    {
        Assert.True(expected.Count > 0, $"{what}: the cleaned file has no values in the span (a test of nothing)");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (start, value) in expected)
        {
            Assert.True(Math.Abs(actual[start] - value) <= tolerance, $"{what} at {start:O}: served {actual[start]}, cleaned {value}");
        }
    }
}
