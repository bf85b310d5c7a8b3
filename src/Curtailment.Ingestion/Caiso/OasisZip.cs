using System.IO.Compression;
using System.Xml.Linq;

namespace Curtailment.Ingestion.Caiso;

/// <summary>
/// The zip an OASIS <c>SingleZip</c> query answers with: one CSV (<c>resultformat=6</c>) when there are data, one
/// XML error file (<c>INVALID_REQUEST.xml</c>, with <c>ERR_CODE</c> and <c>ERR_DESC</c>) when not.
/// </summary>
internal static class OasisZip
{
    /// <summary>OASIS's error code for "No data returned for the specified selection".</summary>
    public const string NoDataCode = "1000";

    /// <summary>Whether the bytes start with a zip's local-file signature.</summary>
    public static bool IsZip(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\u0003\u0004"u8);

    /// <summary>
    /// The zip's single CSV entry as bytes, or null with the error the zip holds instead; an empty zip, or one with
    /// neither, gives null and a description of what it holds.
    /// </summary>
    public static byte[]? ReadCsv(Stream zip, out (string Code, string Description)? error)
    {
        error = null;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var csv = archive.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        if (csv is not null)
        {
            using var entry = csv.Open();
            using var copy = new MemoryStream();
            entry.CopyTo(copy);
            return copy.ToArray();
        }

        var xml = archive.Entries.FirstOrDefault(e => e.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
        if (xml is null)
        {
            error = ("none", $"the zip holds no CSV and no error file ({string.Join(", ", archive.Entries.Select(e => e.Name).DefaultIfEmpty("no entries"))})");
            return null;
        }

        using var stream = xml.Open();
        XDocument document;
        try
        {
            document = XDocument.Load(stream);
        }
        catch (System.Xml.XmlException e)
        {
            error = ("none", $"{xml.Name} is not XML: {e.Message}");
            return null;
        }

        // OASIS namespaces its elements; matching by local name keeps the reader working across its versions.
        string? Find(string name) => document.Descendants().FirstOrDefault(d => d.Name.LocalName == name)?.Value.Trim();
        error = (Find("ERR_CODE") ?? "none", Find("ERR_DESC") ?? $"{xml.Name} without an ERR_DESC");
        return null;
    }
}
