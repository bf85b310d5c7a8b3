using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Caiso;

/// <summary>
/// CAISO OASIS day-ahead forecasts, as the <c>SingleZip</c> query answers (a zip of one CSV) or as that CSV:
/// <list type="bullet">
/// <item><c>SLD_REN_FCST</c>: one row per hour, trading hub (NP15, SP15, ZP26) and <c>RENEWABLE_TYPE</c>
/// (Solar, Wind); the hubs of an hour are added up into <see cref="SeriesIds.SolarForecastDayAhead"/> and
/// <see cref="SeriesIds.WindForecastDayAhead"/>, the series the features read;</item>
/// <item><c>SLD_FCST</c>: one row per hour and TAC area; the ISO total (<c>CA ISO-TAC</c>) is
/// <see cref="SeriesIds.DemandForecastDayAhead"/>.</item>
/// </list>
/// Columns are found by name (<c>INTERVALSTARTTIME_GMT</c>, <c>INTERVALENDTIME_GMT</c>, <c>MARKET_RUN_ID</c>,
/// <c>MW</c>, ...), times are UTC. Only <c>DAM</c> rows are day-ahead forecasts; rows of other market runs are read and
/// left out. Values are known at 10:00 Pacific the day before, when the day-ahead market closes.
/// </summary>
public sealed class CaisoOasisImporter : IFileImporter
{
    /// <summary>The TAC area whose load forecast is the ISO's total.</summary>
    public const string IsoTotalArea = "CA ISO-TAC";

    private const string Start = "INTERVALSTARTTIME_GMT";
    private const string End = "INTERVALENDTIME_GMT";
    private const string MarketRun = "MARKET_RUN_ID";
    private const string Mw = "MW";
    private const string Hub = "TRADING_HUB";
    private const string RenewableType = "RENEWABLE_TYPE";
    private const string TacArea = "TAC_AREA_NAME";

    /// <inheritdoc />
    public string Source => "caiso-oasis";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var region = context.ResolveRegion("CAISO");
        using var buffer = CaisoFiles.Buffer(content);
        var csv = CsvFile.Read(Unzip(buffer, context.FileName), context.FileName);
        var headerIndex = csv.FirstNonBlank();
        var header = csv.Records[headerIndex];
        var columns = ColumnsOf(csv.FileName, header);
        csv.ThrowIfTruncated(header.Fields.Length);

        var builder = new BatchBuilder(Source, context.FileName);
        var hubs = new HubSums();
        for (var i = headerIndex + 1; i < csv.Records.Count; i++)
        {
            var row = csv.Records[i];
            if (!row.IsBlank)
            {
                builder.CountRow();
                ReadRow(row, columns, region, builder, hubs);
            }
        }

        hubs.AddTo(builder, region);
        return builder.Batch;
    }

    /// <summary>The CSV of a zip as OASIS sends it, or the content itself when it is not a zip.</summary>
    private static MemoryStream Unzip(MemoryStream buffer, string fileName)
    {
        if (!OasisZip.IsZip(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return buffer;
        }

        var csv = OasisZip.ReadCsv(buffer, out var error);
        return csv is not null
            ? new MemoryStream(csv, writable: false)
            : throw new ImportFormatException(fileName, 0, null, $"the OASIS zip holds no data: code {error!.Value.Code}: {error.Value.Description}.");
    }

    /// <summary>Where the columns are; which query the file answers follows from them.</summary>
    private sealed record Columns(int Start, int End, int MarketRun, int Mw, int Hub, int Type, int Area)
    {
        public bool Renewables => Type >= 0;
    }

    private static Columns ColumnsOf(string fileName, CsvLine header)
    {
        var names = header.Fields.Select(f => f.Trim()).ToArray();
        int Find(string name) => Array.FindIndex(names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (Find(Start) < 0)
        {
            throw new ImportFormatException(fileName, header.Line, 1,
                $"not an OASIS CSV: no {Start} column (found '{names.FirstOrDefault()}' first). Expected SLD_REN_FCST or SLD_FCST with resultformat=6.");
        }

        var columns = new Columns(Find(Start), Find(End), Find(MarketRun), Find(Mw), Find(Hub), Find(RenewableType), Find(TacArea));
        var required = columns.Renewables
            ? new[] { (End, columns.End), (MarketRun, columns.MarketRun), (Mw, columns.Mw), (Hub, columns.Hub) }
            : [(End, columns.End), (MarketRun, columns.MarketRun), (Mw, columns.Mw), (TacArea, columns.Area)];
        foreach (var (name, index) in required)
        {
            if (index < 0)
            {
                throw new ImportFormatException(fileName, header.Line, names.Length + 1,
                    $"the OASIS {(columns.Renewables ? "SLD_REN_FCST" : "SLD_FCST")} layout needs a {name} column; the header has {string.Join(',', names)}.");
            }
        }

        return columns;
    }

    private static void ReadRow(CsvLine row, Columns columns, Region region, BatchBuilder builder, HubSums hubs)
    {
        if (!Values.TryParseInstant(row[columns.Start].Trim(), naiveIsUtc: true, out var start))
        {
            builder.Reject(row.Line, Start, $"'{row[columns.Start]}' is not an ISO-8601 instant", row.Raw);
            return;
        }

        if (!Values.TryParseInstant(row[columns.End].Trim(), naiveIsUtc: true, out var end) || end <= start)
        {
            builder.Reject(row.Line, End, $"'{row[columns.End]}' is not an ISO-8601 instant after the interval start", row.Raw);
            return;
        }

        if (!row[columns.MarketRun].Trim().Equals("DAM", StringComparison.OrdinalIgnoreCase))
        {
            // Another market run (ACTUAL, RTPD, ...) is not a day-ahead forecast: read, not stored.
            return;
        }

        if (!Values.TryParseOptional(row[columns.Mw], out var mw) || mw is null || mw < 0)
        {
            builder.Reject(row.Line, Mw, $"'{row[columns.Mw]}' is not a non-negative number of MW", row.Raw);
            return;
        }

        var published = PublicationRule.DayAheadTen.PublishedAt(start, end, region.TimeZone);
        if (!columns.Renewables)
        {
            if (row[columns.Area].Trim().Equals(IsoTotalArea, StringComparison.OrdinalIgnoreCase))
            {
                builder.Add(row, Mw, new Observation(region.Id, SeriesIds.DemandForecastDayAhead, start, end - start, mw.Value, builder.Source, published));
            }

            return;
        }

        var series = row[columns.Type].Trim().ToUpperInvariant() switch
        {
            "SOLAR" => SeriesIds.SolarForecastDayAhead,
            "WIND" => SeriesIds.WindForecastDayAhead,
            _ => null,
        };
        if (series is null)
        {
            builder.Reject(row.Line, RenewableType, $"'{row[columns.Type]}' is not Solar or Wind", row.Raw);
            return;
        }

        hubs.Add(row, series, row[columns.Hub].Trim().ToUpperInvariant(), start, end, published, mw.Value, builder);
    }

    /// <summary>
    /// The hubs of each hour and series, added up at the end. An hour that lacks a hub the file has elsewhere is
    /// refused: a partial sum would look like a low forecast.
    /// </summary>
    private sealed class HubSums
    {
        private readonly SortedDictionary<(string Series, DateTimeOffset Start), Hour> _hours = [];
        private readonly Dictionary<string, SortedSet<string>> _hubsOf = [];

        public void Add(CsvLine row, string series, string hub, DateTimeOffset start, DateTimeOffset end, DateTimeOffset published, double mw, BatchBuilder builder)
        {
            if (!_hours.TryGetValue((series, start), out var hour))
            {
                hour = new Hour(end, published, row.Line, row.Raw);
                _hours.Add((series, start), hour);
            }

            if (hour.Mw.TryGetValue(hub, out var earlier))
            {
                if (!earlier.Mw.Equals(mw))
                {
                    builder.Reject(row.Line, Mw,
                        $"duplicate key ({series} at {start:yyyy-MM-ddTHH:mm:ssK}, hub {hub}) with a different value: {mw} here, {earlier.Mw} on line {earlier.Line}", row.Raw);
                }

                return;
            }

            hour.Mw.Add(hub, (mw, row.Line));
            (_hubsOf.TryGetValue(series, out var hubs) ? hubs : _hubsOf[series] = []).Add(hub);
        }

        public void AddTo(BatchBuilder builder, Region region)
        {
            foreach (var ((series, start), hour) in _hours)
            {
                var missing = _hubsOf[series].Where(h => !hour.Mw.ContainsKey(h)).ToList();
                if (missing.Count > 0)
                {
                    builder.Reject(hour.Line, Hub,
                        $"{series} at {start:yyyy-MM-ddTHH:mm:ssK} lacks hub {string.Join(", ", missing)}, which the file has for other hours", hour.Raw);
                    continue;
                }

                var sum = hour.Mw.Values.Sum(v => v.Mw);
                builder.Add(hour.Line, hour.Raw, Mw, new Observation(region.Id, series, start, hour.End - start, sum, builder.Source, hour.Published));
            }
        }

        private sealed record Hour(DateTimeOffset End, DateTimeOffset Published, int Line, string Raw)
        {
            public SortedDictionary<string, (double Mw, int Line)> Mw { get; } = new(StringComparer.Ordinal);
        }
    }
}
