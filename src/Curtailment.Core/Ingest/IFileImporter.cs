namespace Curtailment.Core.Ingest;

/// <summary>Parses one operator file layout into an <see cref="ImportBatch"/>.</summary>
public interface IFileImporter
{
    /// <summary>The source name used on the command line and in the store (<c>caiso-outlook</c>).</summary>
    string Source { get; }

    /// <summary>
    /// Parses a whole file. Row problems go to <see cref="ImportBatch.Rejected"/>; structural problems
    /// throw <see cref="ImportFormatException"/>.
    /// </summary>
    ImportBatch Parse(Stream content, ImportContext context);
}
