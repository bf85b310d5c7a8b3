namespace Curtailment.Models.Explanations;

/// <summary>How one feature is named to a scheduler.</summary>
/// <param name="Noun">What the feature is, in words (<c>net load forecast</c>).</param>
/// <param name="Unit">How its value is written.</param>
/// <param name="Curtails">
/// +1 where a higher value usually means more curtailment, -1 where a lower one does, 0 where neither holds; it picks
/// the adjective (<c>low</c>, <c>high</c>) that matches the driver's direction.
/// </param>
/// <param name="Daily">True for day-level values, written without a clock time.</param>
internal sealed record FeatureDescription(string Noun, DriverUnit Unit, int Curtails, bool Daily);
