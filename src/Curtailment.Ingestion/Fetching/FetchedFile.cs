namespace Curtailment.Ingestion.Fetching;

/// <summary>
/// A file downloaded whole from an operator, ready for <c>IngestPipeline.IngestBytesAsync</c>. The
/// <see cref="FileName"/> is chosen so the importers can read the date or balancing authority from it.
/// </summary>
/// <param name="FileName">Name to import it under (<c>20210314_fuelsource.csv</c>).</param>
/// <param name="Content">The complete body, as received.</param>
/// <param name="SourceUrl">Where it came from, for the run record and messages.</param>
public sealed record FetchedFile(string FileName, byte[] Content, string SourceUrl);
