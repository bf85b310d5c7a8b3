using Cronos;

namespace Curtailment.Pipelines.Training;

/// <summary>
/// The instants a cron expression fires in a time zone (the service's retrain cron in a region's local time), so a
/// backtest can retrain exactly when the service would.
/// </summary>
public sealed class RetrainSchedule
{
    private readonly CronExpression _cron;
    private readonly TimeZoneInfo _zone;

    private RetrainSchedule(string text, CronExpression cron, TimeZoneInfo zone)
    {
        Text = text;
        _cron = cron;
        _zone = zone;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses a five-field cron expression; throws <see cref="FormatException"/> naming it.</summary>
    public static RetrainSchedule Parse(string text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        try
        {
            return new RetrainSchedule(text, CronExpression.Parse(text.Trim()), zone);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"'{text}' is not a five-field cron expression (minute hour day-of-month month day-of-week): {e.Message}", e);
        }
    }

    /// <summary>Every instant in <c>(after, through]</c>, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset through) =>
        _cron.GetOccurrences(after, through, _zone, fromInclusive: false, toInclusive: true);

    /// <summary>The latest instant at or before <paramref name="through"/>, searching back <paramref name="lookback"/>; null when none.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset through, TimeSpan lookback) =>
        Between(through - lookback, through).Select(t => (DateTimeOffset?)t).LastOrDefault();
}
