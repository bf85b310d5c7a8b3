namespace Curtailment.Core.Ingest;

/// <summary>
/// A structural problem that fails the whole file (wrong header, not the expected file, truncated):
/// the message names the file, line and column, and nothing of the file is stored.
/// </summary>
public sealed class ImportFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="line"/> and <paramref name="column"/> are 1-based.</summary>
    public ImportFormatException(string fileName, int line, int? column, string problem)
        : base(Describe(fileName, line, column, problem))
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string FileName { get; }

    /// <summary>1-based line (0 when the file as a whole is at fault, e.g. empty).</summary>
    public int Line { get; }

    /// <summary>1-based column, when one is at fault.</summary>
    public int? Column { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }

    private static string Describe(string fileName, int line, int? column, string problem) =>
        (line, column) switch
        {
            (0, _) => $"{fileName}: {problem}",
            (_, null) => $"{fileName}: line {line}: {problem}",
            _ => $"{fileName}: line {line}, column {column}: {problem}",
        };
}
