namespace Curtailment.Core.Forecasts;

/// <summary>
/// An opaque version of what a region is served from (see <see cref="IServingVersionReader"/>): compare for
/// equality only. Each store fills the parts it can read cheaply.
/// </summary>
/// <param name="Changes">A count of writes the store has seen (0 where the store does not count them).</param>
/// <param name="ActiveModelId">Id of the active model (0 for none, or where <paramref name="Changes"/> covers it).</param>
/// <param name="Vintages">Number of stored vintages of the region.</param>
/// <param name="LastVintageId">Highest vintage id of the region.</param>
public readonly record struct ServingVersion(long Changes, long ActiveModelId, long Vintages, long LastVintageId);
