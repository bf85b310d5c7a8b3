namespace Curtailment.Core.Regions;

/// <summary>Thrown when a region id is not in the catalogue.</summary>
public sealed class UnknownRegionException : Exception
{
    /// <summary>Creates the exception for the given id.</summary>
    public UnknownRegionException(string regionId)
        : base($"Unknown region '{regionId}'.") => RegionId = regionId;

    /// <summary>The id that was asked for.</summary>
    public string RegionId { get; }
}
