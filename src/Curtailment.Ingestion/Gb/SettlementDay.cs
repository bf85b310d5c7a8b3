using Curtailment.Core.Time;

namespace Curtailment.Ingestion.Gb;

/// <summary>
/// One GB settlement day: local midnight to local midnight (Europe/London) in half-hour periods counted in real
/// time, so 46 periods on the spring-forward Sunday and 50 on the autumn one. Period p starts at local midnight
/// plus (p - 1) x 30 minutes.
/// </summary>
internal readonly record struct SettlementDay(DateOnly Date, DateTimeOffset Start, int Periods)
{
    /// <summary>The settlement day of a date.</summary>
    public static SettlementDay Of(DateOnly date)
    {
        var (start, end) = LocalClock.DayBounds(date, GbFiles.London);
        return new SettlementDay(date, start, (int)((end - start) / GbFiles.HalfHour));
    }

    /// <summary>The UTC start of period <paramref name="period"/> (1-based), or null when the day has no such period.</summary>
    public DateTimeOffset? PeriodStart(int period) =>
        period >= 1 && period <= Periods ? Start + ((period - 1) * GbFiles.HalfHour) : null;
}
