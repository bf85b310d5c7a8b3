using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

/// <summary>
/// CAISO "Today's Outlook" 5-minute supply by fuel and demand:
/// <list type="bullet">
/// <item>the daily <c>fuelsource.csv</c> (<c>Time,Solar,Wind,...,Other</c>) and <c>demand.csv</c>
/// (<c>Time,Day ahead forecast,Hour ahead forecast,Current demand</c>), named <c>YYYYMMDD.csv</c> or kept
/// in a folder named <c>YYYYMMDD</c>;</item>
/// <item>the cleaned yearly files (<c>interval_start_utc,interval_end_utc,interval_end_local,solar_mw,...,qa_flags</c>).</item>
/// </list>
/// Actual values are published at the interval's end, the hour-ahead forecast an hour before the
/// interval starts, the day-ahead forecast at 10:00 Pacific the day before.
/// </summary>
public sealed partial class CaisoOutlookImporter : IFileImporter
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    // An hour-ahead forecast is, by CAISO's definition, issued ahead of the operating hour; the file
    // carries no issue time, so one hour before the interval starts is the latest instant at which it
    // was certainly known - treating it as known any later would hide it from honest backtests, any
    // earlier would leak a forecast the market had not seen yet.
    private static readonly TimeSpan HourAheadLead = TimeSpan.FromHours(1);

    /// <summary>Daily file column (lower case) → series id.</summary>
    private static readonly Dictionary<string, string> DailyColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Solar"] = SeriesIds.Solar,
        ["Wind"] = SeriesIds.Wind,
        ["Geothermal"] = "geothermal_mw",
        ["Biomass"] = "biomass_mw",
        ["Biogas"] = "biogas_mw",
        ["Small hydro"] = "small_hydro_mw",
        ["Coal"] = "coal_mw",
        ["Nuclear"] = "nuclear_mw",
        ["Natural gas"] = "natural_gas_mw",
        ["Large hydro"] = "large_hydro_mw",
        ["Batteries"] = "batteries_mw",
        ["Imports"] = SeriesIds.Imports,
        ["Other"] = "other_mw",
        ["Day ahead forecast"] = SeriesIds.DemandForecastDayAhead,
        ["Hour ahead forecast"] = SeriesIds.DemandForecastHourAhead,
        ["Current demand"] = SeriesIds.Demand,
    };

    /// <inheritdoc />
    public string Source => "caiso-outlook";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = context.ResolveRegion("CAISO");
        var builder = new BatchBuilder(Source, context.FileName);
        using var buffer = CaisoFiles.Buffer(content);
        using (var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            var text = reader.ReadToEnd();
            if (TryParseCleaned(text, context.FileName, region, builder))
            {
                return builder.Batch;
            }
        }

        buffer.Position = 0;
        var csv = CsvFile.Read(buffer, context.FileName);
        var headerIndex = csv.FirstNonBlank();
        var header = csv.Records[headerIndex];
        var first = header[0].Trim();
        if (first.Equals("Time", StringComparison.OrdinalIgnoreCase))
        {
            var columns = DailyColumnsOf(csv.FileName, header);
            csv.ThrowIfTruncated(header.Fields.Length);
            ParseDaily(csv, headerIndex, columns, FileDay(csv.FileName), region, builder);
        }
        else
        {
            throw new ImportFormatException(csv.FileName, header.Line, 1,
                $"expected a CAISO Today's Outlook file: a header starting 'Time' (fuelsource.csv, demand.csv) or 'interval_start_utc' (cleaned), found '{header[0].Trim()}'.");
        }

        return builder.Batch;
    }

    /// <summary>How a column's values become known.</summary>
    private enum Timing
    {
        Actual,
        DayAhead,
        HourAhead,
    }

    /// <summary>A series column: where it is, what it is called in the file, and when it is published.</summary>
    private readonly record struct SeriesColumn(int Index, string Name, string Series, Timing Timing);

    private static Timing TimingOf(string series) => series switch
    {
        SeriesIds.DemandForecastDayAhead => Timing.DayAhead,
        SeriesIds.DemandForecastHourAhead => Timing.HourAhead,
        _ => Timing.Actual,
    };

    /// <summary>Publication instants of one interval, computed once per row rather than per cell.</summary>
    private static (DateTimeOffset Actual, DateTimeOffset DayAhead, DateTimeOffset HourAhead) PublicationTimes(
        DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, bool needDayAhead) =>
        (end, needDayAhead ? PublicationRule.DayAheadTen.PublishedAt(start, end, zone) : default, start - HourAheadLead);

    /// <summary>
    /// Parses every series cell of a row into <paramref name="values"/>; on the first bad cell rejects the
    /// row and returns false. True with <paramref name="any"/> false when every cell is empty.
    /// </summary>
    private static bool TryReadValues(CsvLine row, SeriesColumn[] columns, double?[] values, BatchBuilder builder, out bool any)
    {
        any = false;
        for (var c = 0; c < columns.Length; c++)
        {
            var text = row[columns[c].Index];
            if (!Values.TryParseOptional(text, out values[c]))
            {
                builder.Reject(row.Line, columns[c].Name, $"'{text}' is not a number", row.Raw);
                return false;
            }

            any |= values[c].HasValue;
        }

        return true;
    }

    private static void AddRow(CsvLine row, SeriesColumn[] columns, double?[] values, Region region, DateTimeOffset start, DateTimeOffset end,
        string? note, BatchBuilder builder, bool needDayAhead)
    {
        var (actual, dayAhead, hourAhead) = PublicationTimes(start, end, region.TimeZone, needDayAhead);
        var duration = end - start;
        for (var c = 0; c < columns.Length; c++)
        {
            if (values[c] is not { } value)
            {
                continue;
            }

            var column = columns[c];
            var published = column.Timing switch
            {
                Timing.DayAhead => dayAhead,
                Timing.HourAhead => hourAhead,
                _ => actual,
            };
            builder.Add(row, column.Name,
                new Observation(region.Id, column.Series, start, duration, value, builder.Source, published, note));
        }
    }
}
