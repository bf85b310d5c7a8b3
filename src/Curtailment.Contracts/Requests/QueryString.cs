using System.Globalization;
using System.Text;
using System.Xml;

namespace Curtailment.Contracts.Requests;

/// <summary>Writes request values the way the API reads them: instants ISO-8601 in UTC, durations ISO-8601, numbers invariant.</summary>
public static class QueryString
{
    /// <summary>An instant as the API reads it (<c>2025-06-15T17:00:00Z</c>), or null.</summary>
    public static string? Instant(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A duration as the API reads it (<c>PT3H</c>), or null.</summary>
    public static string? Duration(TimeSpan? value) => value is { } d ? XmlConvert.ToString(d) : null;

    /// <summary>A number as the API reads it, or null.</summary>
    public static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as the API reads it, or null.</summary>
    public static string? Integer(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The query string (<c>?a=1&amp;b=2</c>, or empty) of the parameters that have a value, escaped.</summary>
    public static string Build(params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }
}
