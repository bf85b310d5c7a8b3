using System.Globalization;
using System.Text.RegularExpressions;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

/// <summary>
/// CAISO's daily "Wind and Solar Real-Time Dispatch Curtailment Report", hourly by type, reason and fuel:
/// <list type="bullet">
/// <item>the per-day CSVs <c>MonDD_YYYY_curtailment.csv</c> (<c>,DATE,HOUR,CURT TYPE,REASON,FUEL TYPE,CURTAILED MWH,CURTAILED MW</c>,
/// first column a row index, <c>DATE</c> without a year: the year comes from the file name);</item>
/// <item>the raw PDF-to-CSV conversion of a report (text preamble, then the table, <c>HOUR</c> and
/// <c>CURT TYPE</c> run together in one cell);</item>
/// <item>the report itself: the PDF (until May 2025) and the daily renewables report HTML page (from June 2025),
/// whose charts carry the hourly curtailment as JavaScript arrays;</item>
/// <item>the cleaned long file <c>caiso_curtailment_hourly_by_type_*.csv</c>.</item>
/// </list>
/// Emits one breakdown series per fuel, type and reason (<c>curtailment_solar_economic_local_mw</c>) and the
/// hourly solar, wind and total sums. <c>CURTAILED MWH</c> of an hour is its average MW; the report's
/// <c>CURTAILED MW</c> column is undocumented and not used.
/// </summary>
public sealed partial class CaisoCurtailmentReportImporter : IFileImporter
{
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public string Source => "caiso-curtailment-report";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = context.ResolveRegion("CAISO");
        var sums = new HourlySums(new BatchBuilder(Source, context.FileName), region);
        using var buffer = CaisoFiles.Buffer(content);
        var head = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 4096));
        if (head.StartsWith("%PDF"u8))
        {
            ParsePdf(buffer, context.FileName, sums);
            sums.Finish();
            return sums.Builder.Batch;
        }

        if (head.TrimStart("\uFEFF \t\r\n"u8).StartsWith("<"u8))
        {
            ParseHtml(CsvFile.ReadText(buffer, context.FileName), context.FileName, sums);
            sums.Finish();
            return sums.Builder.Batch;
        }

        var csv = CsvFile.Read(buffer, context.FileName);
        var headerIndex = csv.FirstNonBlank();
        if (csv.Records[headerIndex][0].Trim().Equals("interval_start_utc", StringComparison.OrdinalIgnoreCase))
        {
            ParseCleaned(csv, headerIndex, sums);
        }
        else
        {
            ParseReport(csv, headerIndex, sums);
        }

        sums.Finish();
        return sums.Builder.Batch;
    }

    /// <summary>
    /// Maps the report's labels to a breakdown series id; false with the column at fault when a label is
    /// not one the report uses.
    /// </summary>
    private static bool TryBreakdown(string fuelText, string type, string reason, out string fuel, out string series, out string? badColumn)
    {
        series = string.Empty;
        badColumn = null;
        fuel = fuelText.Trim().ToUpperInvariant() switch
        {
            "SOLR" or "SOLAR" => "solar",
            "WIND" => "wind",
            _ => string.Empty,
        };
        if (fuel.Length == 0)
        {
            badColumn = "fuel";
            return false;
        }

        if (!Label().IsMatch(type))
        {
            badColumn = "type";
            return false;
        }

        if (!Label().IsMatch(reason))
        {
            badColumn = "reason";
            return false;
        }

        series = $"curtailment_{fuel}_{type.Trim()}_{reason.Trim()}_mw".ToLowerInvariant();
        return true;
    }

    /// <summary>Parses <c>CURTAILED MWH</c>: null when empty (not available), false when not a usable number.</summary>
    private static bool TryMwh(string text, out double? value, out string problem)
    {
        problem = string.Empty;
        if (!Values.TryParseOptional(text, out value))
        {
            problem = $"'{text}' is not a number";
            return false;
        }

        if (value < 0)
        {
            problem = $"negative curtailment {value.Value.ToString(CultureInfo.InvariantCulture)} MWh";
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^\s*[A-Za-z]+\s*$")]
    private static partial Regex Label();

    /// <summary>
    /// Adds breakdown observations and keeps the per-hour solar and wind sums of those accepted, so a
    /// duplicate row is counted once and a refused one not at all.
    /// </summary>
    private sealed class HourlySums(BatchBuilder builder, Region region)
    {
        private readonly SortedDictionary<DateTimeOffset, (double Solar, double Wind, int Line, string Raw)> _hours = [];
        private readonly SortedSet<DateOnly> _days = [];

        public BatchBuilder Builder { get; } = builder;

        public Region Region { get; } = region;

        public void CoverDay(DateOnly day) => _days.Add(day);

        public void Add(CsvLine row, string column, string fuel, string series, DateTimeOffset start, TimeSpan duration, double mw)
        {
            var published = Region.CurtailmentPublication.PublishedAt(start, start + duration, Region.TimeZone);
            var before = Builder.Batch.Observations.Count;
            Builder.Add(row, column, new Observation(Region.Id, series, start, duration, mw, Builder.Source, published));
            if (Builder.Batch.Observations.Count == before)
            {
                // Refused, or an exact repeat of a row already summed.
                return;
            }

            var sum = _hours.TryGetValue(start, out var s) ? s : (0, 0, row.Line, row.Raw);
            _hours[start] = fuel == "solar" ? sum with { Solar = sum.Solar + mw } : sum with { Wind = sum.Wind + mw };
        }

        public void Finish()
        {
            foreach (var (start, (solar, wind, line, raw)) in _hours)
            {
                var published = Region.CurtailmentPublication.PublishedAt(start, start + OneHour, Region.TimeZone);
                Builder.Add(line, raw, "total", new Observation(Region.Id, SeriesIds.SolarCurtailment, start, OneHour, solar, Builder.Source, published));
                Builder.Add(line, raw, "total", new Observation(Region.Id, SeriesIds.WindCurtailment, start, OneHour, wind, Builder.Source, published));
                Builder.Add(line, raw, "total", new Observation(Region.Id, SeriesIds.TotalCurtailment, start, OneHour, solar + wind, Builder.Source, published));
            }

            foreach (var day in _days)
            {
                CaisoFiles.CoverDay(Builder, Region, day, CaisoFiles.CurtailmentSeries);
            }
        }
    }
}
