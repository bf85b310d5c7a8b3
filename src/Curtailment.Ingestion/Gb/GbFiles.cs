namespace Curtailment.Ingestion.Gb;

/// <summary>What the Great Britain importers share: the region they write by default and the settlement clock.</summary>
internal static class GbFiles
{
    /// <summary>The catalogue region the GB files are read into.</summary>
    public const string ScotlandRegionId = "GB-SCOTLAND";

    /// <summary>
    /// GB settlement days and NESO's wall-clock times are UK time whatever region a file is read into.
    /// </summary>
    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>A settlement period's length.</summary>
    public static TimeSpan HalfHour { get; } = TimeSpan.FromMinutes(30);
}
