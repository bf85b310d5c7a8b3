using Curtailment.Core.Regions;

namespace Curtailment.Features;

/// <summary>Features for the intervals <c>[TargetStart, TargetEnd)</c> at <c>Step</c>, as known at <c>IssuedAt</c>.</summary>
/// <param name="Region">The region.</param>
/// <param name="IssuedAt">The information cut: nothing published later is read.</param>
/// <param name="TargetStart">Start of the first target interval (UTC).</param>
/// <param name="TargetEnd">End of the last target interval (UTC, exclusive).</param>
/// <param name="Step">Target resolution.</param>
public sealed record FeatureRequest(Region Region, DateTimeOffset IssuedAt, DateTimeOffset TargetStart, DateTimeOffset TargetEnd, TimeSpan Step)
{
    /// <summary>Number of target intervals.</summary>
    public int Count => (int)((TargetEnd - TargetStart) / Step);
}
