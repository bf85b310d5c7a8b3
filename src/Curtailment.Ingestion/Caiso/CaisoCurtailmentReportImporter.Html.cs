using System.Text.RegularExpressions;
using Curtailment.Core.Ingest;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoCurtailmentReportImporter
{
    /// <summary>The page's categories, as its variable names spell them, and the report's type labels.</summary>
    private static readonly Dictionary<string, string> HtmlTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["econ"] = "Economic",
        ["ss"] = "SelfSchCut",
        ["oi"] = "ExDispatch",
    };

    private static readonly string[] MissingValues = ["", "NA", "NaN", "null", "undefined"];

    /// <summary>
    /// The daily renewables report page (from June 2025): for each fuel, type and reason an array
    /// <c>curt_hr_tot_{solar|wind}_{econ|ss|oi}_{local|system}_mwh</c> of the day's hourly curtailed MWh, one value per
    /// hour counted from local midnight (23 on the spring-forward day, 25 on the fall-back day), plain or wrapped in
    /// <c>JSON.parse(...)</c>. Operator instruction (<c>oi</c>) is the PDF report's exceptional dispatch.
    /// </summary>
    private static void ParseHtml(string text, string fileName, HourlySums sums)
    {
        var matches = HtmlArray().Matches(text);
        if (matches.Count == 0)
        {
            throw new ImportFormatException(fileName, 1, 1,
                "no curt_hr_tot_<fuel>_<type>_<reason>_mwh arrays: not a CAISO daily renewables report page (or CAISO changed its layout).");
        }

        var day = FileDay(fileName);
        var (dayStart, dayEnd) = LocalClock.DayBounds(day, sums.Region.TimeZone);
        var hours = (int)(dayEnd - dayStart).TotalHours;
        sums.CoverDay(day);
        foreach (Match match in matches)
        {
            var name = match.Groups["name"].Value;
            var (line, column) = Position(text, match.Groups["items"].Index);
            var items = match.Groups["items"].Value.Split(',');
            if (items.Length != hours)
            {
                throw new ImportFormatException(fileName, line, column,
                    $"{name} has {items.Length} values; {CaisoClock.Iso(day)} has {hours} hours in {sums.Region.TimeZone.Id}.");
            }

            TryBreakdown(match.Groups["fuel"].Value, HtmlTypes[match.Groups["type"].Value], match.Groups["reason"].Value,
                out var fuel, out var series, out _);
            for (var i = 0; i < items.Length; i++)
            {
                var item = items[i].Trim().Trim('"', '\'');
                var row = new CsvLine(line, [item], $"{name}[{i}] = {item}");
                sums.Builder.CountRow();
                if (Array.Exists(MissingValues, m => m.Equals(item, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (!TryMwh(item, out var mwh, out var problem))
                {
                    sums.Builder.Reject(line, $"{name}[{i}]", problem, row.Raw);
                    continue;
                }

                // Hours count real time from local midnight, so the repeated and the skipped hour need no rule.
                sums.Add(row, $"{name}[{i}]", fuel, series, dayStart.AddHours(i), OneHour, mwh!.Value);
            }
        }
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var lastBreak = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, index - lastBreak);
    }

    [GeneratedRegex(@"(?<name>curt_hr_tot_(?<fuel>solar|wind)_(?<type>econ|ss|oi)_(?<reason>local|system)_mwh)\s*=\s*(?:JSON\.parse\(\s*)?[\s\[""']*?\[(?<items>[^\[\]]*)\]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlArray();
}
