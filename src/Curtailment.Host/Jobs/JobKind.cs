namespace Curtailment.Host.Jobs;

/// <summary>
/// The kinds of scheduled work, in the order they run when several fall on one instant: a region's data first, then
/// its model, then its forecast, then housekeeping.
/// </summary>
public enum JobKind
{
    /// <summary>An ingest of one source or feed.</summary>
    Ingest = 0,

    /// <summary>A region's retrain.</summary>
    Retrain = 1,

    /// <summary>A region's forecast cycle.</summary>
    Forecast = 2,

    /// <summary>Cleanup and fan-out triggers.</summary>
    Maintenance = 3,
}
