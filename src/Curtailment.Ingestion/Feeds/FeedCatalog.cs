namespace Curtailment.Ingestion.Feeds;

/// <summary>The operator feeds available by name (<c>caiso-outlook-demand</c>, <c>aemo-price-demand-sa1</c>, ...).</summary>
public sealed class FeedCatalog
{
    private readonly Dictionary<string, IOperatorFeed> _byName;

    /// <summary>Creates the catalogue from the registered feeds; two feeds with one name are a programming error.</summary>
    public FeedCatalog(IEnumerable<IOperatorFeed> feeds) =>
        _byName = feeds.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Feed names, sorted.</summary>
    public IReadOnlyList<string> Names => _byName.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every feed, by name.</summary>
    public IReadOnlyList<IOperatorFeed> All => Names.Select(n => _byName[n]).ToList();

    /// <summary>The feed named <paramref name="name"/>, or null.</summary>
    public IOperatorFeed? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The feed named <paramref name="name"/>, or an <see cref="ArgumentException"/> listing the known ones.</summary>
    public IOperatorFeed Get(string name) => Find(name)
        ?? throw new ArgumentException($"Unknown feed '{name}'. Known feeds: {string.Join(", ", Names)}.", nameof(name));
}
