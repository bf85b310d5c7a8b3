using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Curtailment.Core.Time;

/// <summary>
/// When an operator publishes the value of an interval, for files that do not say:
/// <list type="bullet">
/// <item><c>realtime</c>: at the interval's end;</item>
/// <item><c>realtime+PT1H</c>: an ISO-8601 duration after the interval's end;</item>
/// <item><c>dayahead@10:00</c>: at that local time on the day before the interval's local day;</item>
/// <item><c>nextday@10:00</c>: at that local time on the day after the interval's local day;</item>
/// <item><c>sameday@00:00</c>: at that local time on the interval's own local day.</item>
/// </list>
/// The interval's local day is the local date of its start in the region's time zone.
/// </summary>
public sealed partial record PublicationRule
{
    private PublicationRule(string text, PublicationKind kind, TimeSpan delay, TimeOnly localTime)
    {
        Text = text;
        Kind = kind;
        Delay = delay;
        LocalTime = localTime;
    }

    /// <summary>The rule as written (<c>nextday@10:00</c>).</summary>
    public string Text { get; }

    /// <summary>Which family of rule this is.</summary>
    public PublicationKind Kind { get; }

    /// <summary>Delay after the interval end, for real-time rules.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Local publication time, for day-based rules.</summary>
    public TimeOnly LocalTime { get; }

    /// <summary>Published at the interval's end.</summary>
    public static PublicationRule RealTime { get; } = new("realtime", PublicationKind.RealTime, TimeSpan.Zero, default);

    /// <summary>CAISO's curtailment rule: 10:00 local the next day.</summary>
    public static PublicationRule NextDayTen { get; } = new("nextday@10:00", PublicationKind.NextDay, TimeSpan.Zero, new TimeOnly(10, 0));

    /// <summary>Values known from the start of their own local day (day-ahead transmission limits, when in doubt).</summary>
    public static PublicationRule SameDayStart { get; } = new("sameday@00:00", PublicationKind.SameDay, TimeSpan.Zero, TimeOnly.MinValue);

    /// <summary>Day-ahead forecasts: 10:00 local on the day before.</summary>
    public static PublicationRule DayAheadTen { get; } = new("dayahead@10:00", PublicationKind.DayAhead, TimeSpan.Zero, new TimeOnly(10, 0));

    /// <summary>Parses a rule; throws <see cref="FormatException"/> naming the accepted forms.</summary>
    public static PublicationRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("realtime", StringComparison.OrdinalIgnoreCase))
        {
            return RealTime;
        }

        var delayed = RealTimeDelayed().Match(trimmed);
        if (delayed.Success)
        {
            TimeSpan delay;
            try
            {
                delay = XmlConvert.ToTimeSpan(delayed.Groups["delay"].Value);
            }
            catch (FormatException)
            {
                throw Invalid(text);
            }

            if (delay < TimeSpan.Zero)
            {
                throw Invalid(text);
            }

            return new PublicationRule(trimmed, PublicationKind.RealTime, delay, default);
        }

        var daily = DayBased().Match(trimmed);
        if (daily.Success
            && TimeOnly.TryParseExact(daily.Groups["time"].Value, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            var kind = daily.Groups["kind"].Value.ToLowerInvariant() switch
            {
                "dayahead" => PublicationKind.DayAhead,
                "sameday" => PublicationKind.SameDay,
                _ => PublicationKind.NextDay,
            };
            return new PublicationRule(trimmed, kind, TimeSpan.Zero, at);
        }

        throw Invalid(text);
    }

    /// <summary>Parses a rule, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out PublicationRule? rule)
    {
        rule = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            rule = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>When a value for the interval <c>[start, end)</c> is published, in UTC.</summary>
    public DateTimeOffset PublishedAt(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, TimeZoneInfo zone)
    {
        switch (Kind)
        {
            case PublicationKind.RealTime:
                return (intervalEnd + Delay).ToUniversalTime();
            default:
                var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(intervalStart, zone).DateTime);
                var day = Kind switch
                {
                    PublicationKind.DayAhead => localDay.AddDays(-1),
                    PublicationKind.SameDay => localDay,
                    _ => localDay.AddDays(1),
                };
                return LocalClock.ToUtc(day.ToDateTime(LocalTime), zone, AmbiguousTime.Later);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static FormatException Invalid(string text) => new(
        $"Publication rule '{text}' is not one of realtime, realtime+<ISO-8601 duration> (realtime+PT1H), dayahead@HH:mm, nextday@HH:mm, sameday@HH:mm.");

    [GeneratedRegex(@"^realtime\+(?<delay>P\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RealTimeDelayed();

    [GeneratedRegex(@"^(?<kind>dayahead|nextday|sameday)@(?<time>\d{1,2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex DayBased();
}
