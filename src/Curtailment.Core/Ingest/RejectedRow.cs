namespace Curtailment.Core.Ingest;

/// <summary>A data row an importer refused, with where and why; the rest of the file is still imported.</summary>
/// <param name="Line">1-based line number in the file (for workbooks: the sheet's row number).</param>
/// <param name="Column">The column at fault, or null when the row as a whole is.</param>
/// <param name="Reason">Why the row was refused, in words a person can act on.</param>
/// <param name="RawText">The row as read.</param>
public sealed record RejectedRow(int Line, string? Column, string Reason, string RawText);
