using Curtailment.Core.Regions;
using Curtailment.Core.Time;

namespace Curtailment.Core.Ingest;

/// <summary>What an importer needs besides the bytes of a file.</summary>
/// <param name="FileName">Name of the file, used in messages and to read dates or codes from it.</param>
/// <param name="Regions">The region catalogue (time zones, publication rules).</param>
/// <param name="RegionId">The region the file is for, when the caller says so; importers that read it from the file may ignore it.</param>
/// <param name="Published">Publication rule for files that carry no publication time, when the caller gives one.</param>
public sealed record ImportContext(string FileName, IRegionCatalog Regions, string? RegionId = null, PublicationRule? Published = null)
{
    /// <summary>The region named by <see cref="RegionId"/>, or <paramref name="fallback"/> when none was given.</summary>
    public Region ResolveRegion(string fallback) => Regions.Get(RegionId ?? fallback);
}
