using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Curtailment.Host.Errors;

namespace Curtailment.Host.Api;

/// <summary>
/// Reads the text of bound request parameters (the records of <c>Curtailment.Contracts.Requests</c>) and collects one
/// message per bad field, so that every 400 names its fields (binding typed values would answer a bare 400 for a
/// malformed number or instant).
/// </summary>
public sealed partial class QueryReader
{
    /// <summary>The widest range a request may ask for.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(14);

    /// <summary>Instants before this one are refused (no operator data is that old).</summary>
    public static readonly DateTimeOffset EarliestInstant = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Instants from this one on are refused: defaults and ranges added to them stay representable.</summary>
    public static readonly DateTimeOffset LatestInstant = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>The value, trimmed, or null when absent or blank.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An ISO-8601 instant with an offset (<c>2025-06-15T10:00:00-07:00</c> or <c>...Z</c>), as UTC.</summary>
    public DateTimeOffset? Instant(string name, string? value)
    {
        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        // An unencoded '+' in a query string arrives as a space.
        var normalized = text.Contains(' ', StringComparison.Ordinal) && !text.Contains('+', StringComparison.Ordinal) ? text.Replace(' ', '+') : text;
        if (WithOffset().IsMatch(normalized)
            && DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            if (instant >= EarliestInstant && instant < LatestInstant)
            {
                return instant.ToUniversalTime();
            }

            Error(name, $"'{text}' is outside the years {EarliestInstant.Year} to {LatestInstant.Year - 1}.");
            return null;
        }

        Error(name, $"'{text}' is not an ISO-8601 instant with an offset (2025-06-15T10:00:00-07:00 or 2025-06-15T17:00:00Z).");
        return null;
    }

    /// <summary>A number in [min, max].</summary>
    public double? Number(string name, string? value, double min, double max)
    {
        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number >= min && number <= max)
        {
            return number;
        }

        Error(name, $"'{text}' must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    /// <summary>An integer in [min, max].</summary>
    public int? Integer(string name, string? value, int min, int max)
    {
        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Error(name, $"'{text}' must be an integer between {min} and {max}.");
        return null;
    }

    /// <summary>An ISO-8601 duration (<c>PT3H</c>, <c>PT90M</c>, <c>P1DT2H</c>), positive and at most <see cref="MaxRange"/>.</summary>
    public TimeSpan? Duration(string name, string? value)
    {
        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        try
        {
            var duration = XmlConvert.ToTimeSpan(text);
            if (duration > MaxRange)
            {
                Error(name, $"'{text}' is longer than the widest range a request may ask for ({MaxRange.TotalDays:F0} days).");
                return null;
            }

            if (duration > TimeSpan.Zero)
            {
                return duration;
            }
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }

        Error(name, $"'{text}' is not a positive ISO-8601 duration (PT3H, PT90M, P1DT2H).");
        return null;
    }

    /// <summary>A comma-separated list, without blanks.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        (Text(value) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Records a problem with a field.</summary>
    public void Error(string name, string message)
    {
        if (!_errors.TryGetValue(name, out var list))
        {
            _errors[name] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Whether a field already has an error.</summary>
    public bool HasError(string name) => _errors.ContainsKey(name);

    /// <summary>
    /// A time range [<paramref name="fromName"/>, <paramref name="toName"/>) with defaults; the end must be after
    /// the start and the range at most <see cref="MaxRange"/>.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Range(
        string fromName, string? fromValue, string toName, string? toValue, DateTimeOffset defaultFrom, TimeSpan defaultLength)
    {
        var from = Instant(fromName, fromValue) ?? defaultFrom;
        var to = Instant(toName, toValue) ?? from + defaultLength;
        if (!HasError(fromName) && !HasError(toName))
        {
            if (to <= from)
            {
                Error(toName, $"'{toName}' must be later than '{fromName}'.");
            }
            else if (to - from > MaxRange)
            {
                Error(toName, $"The range from '{fromName}' to '{toName}' may be at most {MaxRange.TotalDays:F0} days.");
            }
        }

        return (from, to);
    }

    /// <summary>Throws a <see cref="RequestValidationException"/> when any field was bad.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();
}
