using System.Globalization;

namespace Curtailment.Ingestion.Common;

/// <summary>Number and time parsing shared by importers: invariant culture, explicit about empties.</summary>
public static class Values
{
    /// <summary>Parses a number; empty gives null (not available); false when the text is not a number.</summary>
    public static bool TryParseOptional(string text, out double? value)
    {
        value = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Parses an ISO-8601 instant. A value without an offset is read as UTC only when
    /// <paramref name="naiveIsUtc"/> (for columns whose name says <c>_utc</c>).
    /// </summary>
    public static bool TryParseInstant(string text, bool naiveIsUtc, out DateTimeOffset instant)
    {
        var trimmed = text.Trim();
        var styles = naiveIsUtc ? DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal : DateTimeStyles.AdjustToUniversal;
        if (!naiveIsUtc && !HasOffset(trimmed))
        {
            instant = default;
            return false;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, styles, out instant))
        {
            instant = instant.ToUniversalTime();
            return true;
        }

        return false;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
}
