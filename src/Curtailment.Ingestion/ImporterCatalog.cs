using Curtailment.Core.Ingest;

namespace Curtailment.Ingestion;

/// <summary>The importers available by source name (<c>caiso-outlook</c>, <c>tidy</c>, ...).</summary>
public sealed class ImporterCatalog
{
    private readonly Dictionary<string, IFileImporter> _bySource;

    /// <summary>Creates the catalogue from the registered importers.</summary>
    public ImporterCatalog(IEnumerable<IFileImporter> importers) =>
        _bySource = importers.ToDictionary(i => i.Source, StringComparer.OrdinalIgnoreCase);

    /// <summary>Source names, sorted.</summary>
    public IReadOnlyList<string> Sources => _bySource.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The importer for a source, or an <see cref="ArgumentException"/> listing the known ones.</summary>
    public IFileImporter Get(string source) => _bySource.TryGetValue(source, out var importer)
        ? importer
        : throw new ArgumentException($"Unknown source '{source}'. Known sources: {string.Join(", ", Sources)}.", nameof(source));
}
