using Curtailment.Core.Regions;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>What job placements are ranked by.</summary>
public enum RankingMeasure
{
    /// <summary>Expected curtailed energy: predicted MW (below zero counted as zero) x hours of overlap, in MWh.</summary>
    CurtailedEnergy,

    /// <summary>
    /// Expected event hours: event probability x hours of overlap. The only measure for a proxy target (SA1's
    /// negative price), whose predicted value is not curtailed MW, and the common one when regions of both kinds are ranked together.
    /// </summary>
    EventHours,
}

/// <summary>The ranking decision, made once for a region and for a set of regions.</summary>
public static class RankingMeasures
{
    /// <summary>A proxy target ranks by event hours; a curtailment target by energy.</summary>
    public static RankingMeasure For(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.Target.IsProxy ? RankingMeasure.EventHours : RankingMeasure.CurtailedEnergy;
    }

    /// <summary>Energy when every region has MW to rank, otherwise event hours (the one measure all regions share).</summary>
    public static RankingMeasure For(IEnumerable<Region> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return regions.Any(r => For(r) == RankingMeasure.EventHours) ? RankingMeasure.EventHours : RankingMeasure.CurtailedEnergy;
    }

    /// <summary>Whether placements in <paramref name="region"/> can be ranked by <paramref name="measure"/> (a proxy has no MW).</summary>
    public static bool Applies(RankingMeasure measure, Region region) =>
        measure == RankingMeasure.EventHours || For(region) == RankingMeasure.CurtailedEnergy;

    /// <summary>The wire name (<c>energy</c>, <c>eventHours</c>).</summary>
    public static string Name(RankingMeasure measure) => measure == RankingMeasure.EventHours ? "eventHours" : "energy";

    /// <summary>Parses a wire name, case-insensitively; null when unknown.</summary>
    public static RankingMeasure? Parse(string? text) =>
        string.Equals(text, "energy", StringComparison.OrdinalIgnoreCase) ? RankingMeasure.CurtailedEnergy
        : string.Equals(text, "eventHours", StringComparison.OrdinalIgnoreCase) ? RankingMeasure.EventHours
        : null;
}
