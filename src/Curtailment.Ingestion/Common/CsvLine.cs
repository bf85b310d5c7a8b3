namespace Curtailment.Ingestion.Common;

/// <summary>One parsed CSV record with where it came from.</summary>
/// <param name="Line">1-based line number of the record's first line.</param>
/// <param name="Fields">The fields, unquoted.</param>
/// <param name="Raw">The record's text as in the file (without the line break).</param>
public sealed record CsvLine(int Line, string[] Fields, string Raw)
{
    /// <summary>The field at a 0-based index, or empty when the row is shorter.</summary>
    public string this[int index] => index < Fields.Length ? Fields[index] : string.Empty;

    /// <summary>Whether every field is blank.</summary>
    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}
