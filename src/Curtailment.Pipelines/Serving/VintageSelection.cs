using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;

namespace Curtailment.Pipelines.Serving;

/// <summary>
/// The rule that decides whether a stored vintage answers a request for <c>[from, to)</c>: it must be made by the
/// model now serving the region (any vintage when no model is active), and either cover the range or be fresh: issued
/// less than <see cref="FreshFor"/> ago and starting no later than the range (or its own issue time). A vintage of a
/// replaced model is never served, so activation and rollback take effect at once.
/// </summary>
public static class VintageSelection
{
    /// <summary>How long a vintage of the serving model answers ranges it does not fully cover.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(15);

    /// <summary>Whether <paramref name="vintage"/> was made by <paramref name="active"/> (true for any vintage when none is active).</summary>
    public static bool ByServingModel(ForecastVintage? vintage, ModelRecord? active) =>
        vintage is not null && (active is null || active.ToModelVersion().IsLabel(vintage.ModelVersion));

    /// <summary>
    /// Whether points of a vintage issued at <paramref name="issuedAt"/>, running from <paramref name="firstStart"/> to
    /// <paramref name="lastEnd"/> within the range, answer <c>[from, to)</c> at <paramref name="now"/>.
    /// </summary>
    public static bool Answers(
        DateTimeOffset firstStart, DateTimeOffset lastEnd, DateTimeOffset issuedAt, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var covers = firstStart <= from && lastEnd >= to;
        var fresh = now - issuedAt < FreshFor && firstStart <= (from > issuedAt ? from : issuedAt);
        return covers || fresh;
    }

    /// <summary>Whether <paramref name="vintage"/> (its points inside the range) answers <c>[from, to)</c> with <paramref name="active"/> serving.</summary>
    public static bool Answers(ForecastVintage? vintage, ModelRecord? active, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now) =>
        ByServingModel(vintage, active)
        && vintage!.Points.Count > 0
        && Answers(vintage.Points[0].IntervalStart, vintage.Points[^1].IntervalEnd, vintage.IssuedAt, from, to, now);
}
