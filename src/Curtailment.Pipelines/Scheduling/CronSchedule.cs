using Cronos;

namespace Curtailment.Pipelines.Scheduling;

/// <summary>
/// The instants a cron expression fires in a time zone: the host's recurring jobs (and the virtual clock that replays
/// them) and a backtest's retrains read their crons here, so a backtest retrains exactly when the service would.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _cron;

    private CronSchedule(string text, CronExpression cron, TimeZoneInfo zone)
    {
        Text = text;
        _cron = cron;
        Zone = zone;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The zone the expression is read in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// Parses a five-field cron expression (minute hour day-of-month month day-of-week), or with
    /// <paramref name="allowSeconds"/> also a six-field one with seconds first, as Hangfire reads its crons.
    /// </summary>
    /// <exception cref="FormatException">The expression is not valid; the message names it.</exception>
    public static CronSchedule Parse(string text, TimeZoneInfo zone, bool allowSeconds = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        var trimmed = text.Trim();
        var format = allowSeconds && trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            return new CronSchedule(text, CronExpression.Parse(trimmed, format), zone);
        }
        catch (CronFormatException e)
        {
            var expected = allowSeconds
                ? "cron expression of five fields (minute hour day-of-month month day-of-week) or six (seconds first)"
                : "five-field cron expression (minute hour day-of-month month day-of-week)";
            throw new FormatException($"'{text}' is not a {expected}: {e.Message}", e);
        }
    }

    /// <summary>Every instant in <c>(after, through]</c>, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset through) =>
        _cron.GetOccurrences(after, through, Zone, fromInclusive: false, toInclusive: true);

    /// <summary>Whether the expression fires at exactly <paramref name="instant"/>.</summary>
    public bool FiresAt(DateTimeOffset instant) => _cron.GetNextOccurrence(instant, Zone, inclusive: true) == instant;

    /// <summary>The latest instant at or before <paramref name="through"/>, searching back <paramref name="lookback"/>; null when none.</summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset through, TimeSpan lookback) =>
        Between(through - lookback, through).Select(t => (DateTimeOffset?)t).LastOrDefault();
}
