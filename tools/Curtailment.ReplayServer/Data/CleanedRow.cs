using System.Globalization;

namespace Curtailment.ReplayServer.Data;

/// <summary>One row of a cleaned file, its fields found by column name.</summary>
internal readonly record struct CleanedRow(string[] Fields, IReadOnlyDictionary<string, int> Columns, string Path, int Line)
{
    /// <summary>The field of <paramref name="column"/> as written (empty = no value); empty when the file lacks the column.</summary>
    public string this[string column] =>
        Columns.TryGetValue(column, out var index) && index < Fields.Length ? Fields[index].Trim() : string.Empty;

    /// <summary>Whether the file has <paramref name="column"/>.</summary>
    public bool Has(string column) => Columns.ContainsKey(column);

    /// <summary>The field of <paramref name="column"/> as an instant; throws naming the file, line and column.</summary>
    public DateTimeOffset Instant(string column)
    {
        var text = this[column];
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new InvalidDataException($"{Path}: line {Line}, column {column}: '{text}' is not an ISO-8601 instant with an offset.");
    }

    /// <summary>The field of <paramref name="column"/> as a number, or null when empty; throws naming the file, line and column.</summary>
    public double? Number(string column)
    {
        var text = this[column];
        if (text.Length == 0)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{Path}: line {Line}, column {column}: '{text}' is not a number.");
    }
}
