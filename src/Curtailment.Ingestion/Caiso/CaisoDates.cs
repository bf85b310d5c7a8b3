using System.Globalization;

namespace Curtailment.Ingestion.Caiso;

/// <summary>The date spellings found in CAISO sheets and their exports.</summary>
internal static class CaisoDates
{
    private static readonly string[] DateFormats =
    [
        "M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt",
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>Parses a sheet date (<c>1/31/2021</c>; text dates from a workbook may carry a midnight time).</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        if (DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && parsed.TimeOfDay == TimeSpan.Zero)
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>The sheet spelling of a date, used when a workbook cell holds a real date.</summary>
    public static string Format(DateTime date) => date.ToString("M/d/yyyy", CultureInfo.InvariantCulture);
}
