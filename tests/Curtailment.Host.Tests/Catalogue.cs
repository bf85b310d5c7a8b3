using Curtailment.Core.Regions;

namespace Curtailment.Host.Tests;

/// <summary>The shipped region catalogue (<c>data/regions.json</c>, copied beside the host), as the host loads it.</summary>
internal static class Catalogue
{
    private static readonly Lazy<RegionCatalog> Loaded = new(() => RegionCatalog.Load(Path.Combine(AppContext.BaseDirectory, "regions.json")));

    public static RegionCatalog Regions => Loaded.Value;

    public static IReadOnlyList<string> Ids => Regions.All.Select(r => r.Id).ToList();
}
