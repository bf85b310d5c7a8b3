namespace Curtailment.Core.Forecasts;

/// <summary>Which way a driver moved a day's forecast.</summary>
public enum DriverEffect
{
    /// <summary>The driver pushed the forecast up.</summary>
    Raises,

    /// <summary>The driver pushed the forecast down.</summary>
    Lowers,
}
