using System.Globalization;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Eia930;

/// <summary>
/// EIA-930 hourly balancing-authority data, in the layouts it reaches us in:
/// <list type="bullet">
/// <item>EIA's own files: <c>date_time,demand (MW)</c>, and the cleaned release
/// <c>date_time,raw demand (MW),category,cleaned demand (MW),forecast demand (MW)</c>; <c>date_time</c> is the
/// UTC hour ending, <c>MISSING</c>/<c>EMPTY</c> mean no value;</item>
/// <item>our cleaned files <c>interval_start_utc,interval_end_utc,demand_mw,demand_forecast_mw,demand_cleaned_mw,cleaning_category,eia_query_date</c>;</item>
/// <item>Grid Monitor downloads, as CSV (<c>...,ba,...,demand_forecast_mw,demand_mw,...,ng_solar_mw,...</c>) or as the
/// <c>.xlsx</c> workbook (sheet <c>Data</c>: <c>BA, UTC time, ..., DF, D, ..., NG: SUN, ...</c>).</item>
/// </list>
/// The region comes from the <c>ba</c> column, else from the BA code in the file name, else from the caller.
/// Values are stored as published, spikes and negatives included (EIA-930 has known ones); only text that is not
/// a number or a time is refused. Publication follows the source, not the caller's rule: measured values (raw and
/// cleaned demand, generation by fuel) one hour after the interval ends, the BA's forecast at 10:00 local the day before.
/// </summary>
public sealed partial class Eia930Importer : IFileImporter
{
    /// <summary>EIA publishes an hour's values within about an hour of its end (EIA-930 rule).</summary>
    private static readonly PublicationRule ActualsRule = PublicationRule.Parse("realtime+PT1H");

    private static readonly string[] NoValueLiterals = ["MISSING", "EMPTY"];

    private static readonly string[] CleanedHeader =
        ["interval_start_utc", "interval_end_utc", "demand_mw", "demand_forecast_mw", "demand_cleaned_mw", "cleaning_category", "eia_query_date"];

    private static readonly string[] EiaDemandHeader = ["date_time", "demand (MW)"];

    private static readonly string[] EiaReleaseHeader =
        ["date_time", "raw demand (MW)", "category", "cleaned demand (MW)", "forecast demand (MW)"];

    /// <summary>Grid Monitor net generation by fuel: CSV column, workbook column, series id.</summary>
    private static readonly (string Csv, string Workbook)[] FuelColumns =
    [
        ("ng_coal_mw", "NG: COL"),
        ("ng_natural_gas_mw", "NG: NG"),
        ("ng_nuclear_mw", "NG: NUC"),
        ("ng_oil_mw", "NG: OIL"),
        ("ng_hydro_mw", "NG: WAT"),
        ("ng_solar_mw", "NG: SUN"),
        ("ng_wind_mw", "NG: WND"),
        ("ng_other_mw", "NG: OTH"),
        ("ng_unknown_mw", "NG: UNK"),
    ];

    /// <summary>Series id of the dataset authors' screened and imputed demand.</summary>
    public const string DemandCleaned = "demand_cleaned_mw";

    /// <inheritdoc />
    public string Source => "eia930";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(context);

        // The first bytes tell a workbook from a CSV whatever the file is called: peeked at in a seekable stream
        // (a CSV is then read in place), else read from a copy.
        if (content.CanSeek && !StartsWithZip(content))
        {
            return ParseCsv(content, context);
        }

        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        if (IsZip(buffer))
        {
            var (header, rows, rowCount) = ReadWorkbook(buffer, context.FileName);
            return ParseRows(header, rows, rowCount, context);
        }

        return ParseCsv(buffer, context);
    }

    private ImportBatch ParseCsv(Stream content, ImportContext context)
    {
        // Row by row: nine and a half years of hours are ~77k rows, and holding them all made the GC the largest cost.
        using var csv = CsvRows.Open(content, context.FileName);
        return ParseRows(csv.Header, csv.Rows(), csv.EstimatedRows, context);
    }

    private static bool StartsWithZip(Stream content)
    {
        var start = content.Position;
        Span<byte> head = stackalloc byte[4];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = start;
        return read == head.Length && head.SequenceEqual("PK\u0003\u0004"u8);
    }

    private ImportBatch ParseRows(CsvLine header, IEnumerable<CsvLine> rows, int estimatedRows, ImportContext context)
    {
        var layout = Detect(header, context.FileName);
        var fileRegion = layout.BaIndex < 0 ? ResolveFileRegion(context) : null;

        var builder = new BatchBuilder(Source, context.FileName);
        builder.EnsureCapacity(estimatedRows * layout.Values.Length, layout.Values.Length);
        var parsed = new List<(string Column, Observation Observation)>(layout.Values.Length);
        foreach (var row in rows)
        {
            ParseRow(row, header, layout, fileRegion, context, builder, parsed);
        }

        return builder.Batch;
    }

    /// <summary>Parses one row into <paramref name="parsed"/> (reused between rows), then adds it only if every value parsed.</summary>
    private static void ParseRow(CsvLine row, CsvLine header, Layout layout, Region? fileRegion, ImportContext context, BatchBuilder builder,
        List<(string Column, Observation Observation)> parsed)
    {
        builder.CountRow();
        if (row.Fields.Length < layout.FieldCount)
        {
            builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {layout.FieldCount}", row.Raw);
            return;
        }

        if (!TryInterval(row, header, layout, builder, out var start, out var end))
        {
            return;
        }

        var region = fileRegion;
        if (region is null)
        {
            var code = row[layout.BaIndex].Trim();
            var regionId = BalancingAuthorities.RegionFor(code);
            region = regionId is null ? null : context.Regions.Find(regionId);
            if (region is null)
            {
                builder.Reject(row.Line, header[layout.BaIndex],
                    $"balancing authority '{code}' has no region in the catalogue (known: {string.Join(", ", BalancingAuthorities.Codes)})", row.Raw);
                return;
            }
        }

        var note = layout.NoteIndex >= 0 && row[layout.NoteIndex].Trim().Length > 0 ? row[layout.NoteIndex].Trim() : null;
        parsed.Clear();
        foreach (var column in layout.Values)
        {
            var text = row[column.Index].Trim();
            if (IsNoValue(text))
            {
                continue;
            }

            if (!Values.TryParseOptional(text, out var value))
            {
                builder.Reject(row.Line, header[column.Index], $"'{text}' is not a number", row.Raw);
                return;
            }

            if (value is null)
            {
                continue;
            }

            var rule = column.DayAhead ? PublicationRule.DayAheadTen : ActualsRule;
            parsed.Add((header[column.Index], new Observation(
                region.Id, column.Series, start, end - start, value.Value, builder.Source,
                rule.PublishedAt(start, end, region.TimeZone), column.CarriesNote ? note : null)));
        }

        foreach (var (column, observation) in parsed)
        {
            builder.Add(row, column, observation);
        }
    }

    private static bool IsNoValue(string text)
    {
        foreach (var literal in NoValueLiterals)
        {
            if (text.Equals(literal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryInterval(CsvLine row, CsvLine header, Layout layout, BatchBuilder builder, out DateTimeOffset start, out DateTimeOffset end)
    {
        var text = row[layout.TimeIndex].Trim();
        if (layout.HourEnding)
        {
            // EIA stamps an hour by its end, in UTC.
            start = end = default;
            if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out end))
            {
                builder.Reject(row.Line, header[layout.TimeIndex], $"'{text}' is not a UTC time like 2020-01-01 01:00:00", row.Raw);
                return false;
            }

            start = end - TimeSpan.FromHours(1);
            return true;
        }

        end = default;
        if (!Values.TryParseInstant(text, naiveIsUtc: true, out start))
        {
            builder.Reject(row.Line, header[layout.TimeIndex], $"'{text}' is not an ISO-8601 instant", row.Raw);
            return false;
        }

        var endText = row[layout.EndIndex].Trim();
        if (!Values.TryParseInstant(endText, naiveIsUtc: true, out end) || end <= start)
        {
            builder.Reject(row.Line, header[layout.EndIndex], $"'{endText}' is not an ISO-8601 instant after the interval start", row.Raw);
            return false;
        }

        return true;
    }

    private static Region ResolveFileRegion(ImportContext context)
    {
        var code = BalancingAuthorities.CodeInFileName(context.FileName);
        if (code is null)
        {
            if (context.RegionId is null)
            {
                throw new ImportFormatException(context.FileName, 0, null,
                    $"the file name names no balancing authority ({string.Join(", ", BalancingAuthorities.Codes)}) and the file has no 'ba' column: give the region (--region).");
            }

            return context.Regions.Find(context.RegionId)
                ?? throw new ImportFormatException(context.FileName, 0, null, $"unknown region '{context.RegionId}' (--region).");
        }

        var regionId = BalancingAuthorities.RegionFor(code)!;
        if (context.RegionId is not null && !context.RegionId.Equals(regionId, StringComparison.OrdinalIgnoreCase))
        {
            // A file name and a --region that disagree mean someone picked the wrong file or flag: storing
            // CISO demand under SPP would corrupt both regions silently.
            throw new ImportFormatException(context.FileName, 0, null,
                $"the file name says balancing authority {code} (region {regionId}) but the region given is '{context.RegionId}'.");
        }

        return context.Regions.Find(regionId)
            ?? throw new ImportFormatException(context.FileName, 0, null, $"balancing authority {code} maps to region '{regionId}', which is not in the catalogue.");
    }

    private static bool IsZip(MemoryStream buffer) =>
        buffer.Length >= 4 && buffer.GetBuffer() is var bytes && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;

    private static Layout Detect(CsvLine header, string fileName)
    {
        var columns = header.Fields.Select(f => f.Trim()).ToArray();
        int Find(string name) => Array.FindIndex(columns, c => c.Equals(name, StringComparison.OrdinalIgnoreCase));

        var first = columns.Length > 0 ? columns[0] : string.Empty;
        if (first.Equals("date_time", StringComparison.OrdinalIgnoreCase))
        {
            if (columns.Length == EiaDemandHeader.Length)
            {
                RequireHeader(header, EiaDemandHeader, "EIA-930 demand", fileName);
                return new Layout(HourEnding: true, TimeIndex: 0, EndIndex: -1, BaIndex: -1, NoteIndex: -1, FieldCount: 2,
                    [new ValueColumn(1, SeriesIds.Demand, DayAhead: false, CarriesNote: false)]);
            }

            RequireHeader(header, EiaReleaseHeader, "EIA-930 cleaned release", fileName);
            return new Layout(HourEnding: true, TimeIndex: 0, EndIndex: -1, BaIndex: -1, NoteIndex: 2, FieldCount: EiaReleaseHeader.Length,
            [
                new ValueColumn(1, SeriesIds.Demand, DayAhead: false, CarriesNote: true),
                new ValueColumn(3, DemandCleaned, DayAhead: false, CarriesNote: true),
                new ValueColumn(4, SeriesIds.DemandForecastDayAhead, DayAhead: true, CarriesNote: false),
            ]);
        }

        if (first.Equals("interval_start_utc", StringComparison.OrdinalIgnoreCase) && Find("ba") >= 0)
        {
            return GridMonitor(header, columns, fileName, Find("interval_start_utc"), Find("interval_end_utc"), Find("ba"),
                Find("demand_mw"), Find("demand_forecast_mw"), FuelColumns.Select(f => (Find(f.Csv), f.Csv)), hourEnding: false);
        }

        if (first.Equals("interval_start_utc", StringComparison.OrdinalIgnoreCase))
        {
            RequireHeader(header, CleanedHeader, "cleaned EIA-930 demand", fileName);
            return new Layout(HourEnding: false, TimeIndex: 0, EndIndex: 1, BaIndex: -1, NoteIndex: 5, FieldCount: CleanedHeader.Length,
            [
                new ValueColumn(2, SeriesIds.Demand, DayAhead: false, CarriesNote: true),
                new ValueColumn(3, SeriesIds.DemandForecastDayAhead, DayAhead: true, CarriesNote: false),
                new ValueColumn(4, DemandCleaned, DayAhead: false, CarriesNote: true),
            ]);
        }

        if (first.Equals("BA", StringComparison.OrdinalIgnoreCase) && Find("UTC time") >= 0)
        {
            return GridMonitor(header, columns, fileName, Find("UTC time"), -1, 0,
                Find("D"), Find("DF"), FuelColumns.Select(f => (Find(f.Workbook), f.Csv)), hourEnding: true);
        }

        throw new ImportFormatException(fileName, header.Line, 1,
            $"not an EIA-930 file: the header starts with '{first}'. Expected one of: {string.Join(',', EiaDemandHeader)} | "
            + $"{string.Join(',', EiaReleaseHeader)} | {string.Join(',', CleanedHeader)} | a Grid Monitor download (interval_start_utc,interval_end_utc,ba,... or the workbook's BA, UTC time, ...).");
    }

    private static Layout GridMonitor(CsvLine header, string[] columns, string fileName, int time, int end, int ba, int demand, int forecast,
        IEnumerable<(int Index, string Series)> fuels, bool hourEnding)
    {
        var values = new List<ValueColumn>();
        if (demand >= 0)
        {
            values.Add(new ValueColumn(demand, SeriesIds.Demand, DayAhead: false, CarriesNote: false));
        }

        if (forecast >= 0)
        {
            values.Add(new ValueColumn(forecast, SeriesIds.DemandForecastDayAhead, DayAhead: true, CarriesNote: false));
        }

        values.AddRange(fuels.Where(f => f.Index >= 0).Select(f => new ValueColumn(f.Index, f.Series, DayAhead: false, CarriesNote: false)));
        if (demand < 0 || (!hourEnding && end < 0))
        {
            throw new ImportFormatException(fileName, header.Line, null,
                $"the Grid Monitor layout needs {(hourEnding ? "'UTC time' and 'D'" : "'interval_start_utc', 'interval_end_utc', 'ba' and 'demand_mw'")} columns; found {string.Join(',', columns)}.");
        }

        // A workbook row may stop at its last filled cell, so only the columns we read must be present.
        var needed = values.Max(v => v.Index) + 1;
        return new Layout(hourEnding, time, end, ba, NoteIndex: -1, FieldCount: Math.Max(needed, Math.Max(time, Math.Max(end, ba)) + 1), [.. values]);
    }

    private static void RequireHeader(CsvLine header, string[] expected, string layoutName, string fileName)
    {
        if (header.Fields.Length != expected.Length)
        {
            throw new ImportFormatException(fileName, header.Line, null,
                $"the {layoutName} layout has {expected.Length} columns, the header {header.Fields.Length}. Expected header: {string.Join(',', expected)}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var actual = header[i].Trim();
            if (!actual.Equals(expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new ImportFormatException(fileName, header.Line, i + 1,
                    $"expected column '{expected[i]}' of the {layoutName} layout, found '{actual}'. Expected header: {string.Join(',', expected)}");
            }
        }
    }

    // HourEnding: the time column is EIA's UTC hour ending; otherwise start and end instants.
    private sealed record Layout(bool HourEnding, int TimeIndex, int EndIndex, int BaIndex, int NoteIndex, int FieldCount, ValueColumn[] Values);

    // CarriesNote: the row's screening label describes this value (raw and cleaned demand, not the forecast).
    private sealed record ValueColumn(int Index, string Series, bool DayAhead, bool CarriesNote);
}
