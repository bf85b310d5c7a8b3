namespace Curtailment.Core.Forecasts;

/// <summary>
/// A cheap check of whether what a region is served from has changed in the store: its active model and its
/// stored forecast vintages, as committed by any process sharing the store. A cache of served forecasts reads
/// the version before it reads the data, and reads the data again only when the version differs.
/// </summary>
public interface IServingVersionReader
{
    /// <summary>
    /// The region's serving version. Two reads return equal values only if no vintage of the region was saved,
    /// replaced or deleted and no other model was activated in between (a store may also change it for other writes).
    /// </summary>
    ValueTask<ServingVersion> ReadServingVersionAsync(string region, CancellationToken cancellationToken);
}
