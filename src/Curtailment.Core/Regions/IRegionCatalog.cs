namespace Curtailment.Core.Regions;

/// <summary>The regions the service knows about.</summary>
public interface IRegionCatalog
{
    /// <summary>All regions, in catalogue order.</summary>
    IReadOnlyList<Region> All { get; }

    /// <summary>Finds a region by id (case-insensitive); null when unknown.</summary>
    Region? Find(string id);

    /// <summary>Finds a region by id or throws <see cref="UnknownRegionException"/>.</summary>
    Region Get(string id);
}
