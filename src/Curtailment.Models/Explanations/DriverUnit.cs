namespace Curtailment.Models.Explanations;

/// <summary>How a feature's value is written in an explanation.</summary>
internal enum DriverUnit
{
    /// <summary>No value is written (calendar flags, seasons).</summary>
    None,

    /// <summary>A yes/no feature: the noun when set, "no" and the noun when not.</summary>
    Flag,

    /// <summary>Megawatts.</summary>
    Mw,

    /// <summary>Megawatt-hours.</summary>
    Mwh,

    /// <summary>A share in 0..1, written as a percentage.</summary>
    Share,

    /// <summary>An angle in degrees.</summary>
    Degrees,

    /// <summary>A plain number.</summary>
    Number,

    /// <summary>The interval's local clock time stands for the value (time-of-day features).</summary>
    Clock,
}
