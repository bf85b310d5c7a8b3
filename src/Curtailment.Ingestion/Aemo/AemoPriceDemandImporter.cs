using System.Globalization;
using System.Text.RegularExpressions;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Core.Regions;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Common;

namespace Curtailment.Ingestion.Aemo;

/// <summary>
/// AEMO's regional price and demand, in two layouts:
/// <list type="bullet">
/// <item>AEMO's monthly <c>PRICE_AND_DEMAND_&lt;YYYYMM&gt;_&lt;REGION&gt;.csv</c>
/// (<c>REGION,SETTLEMENTDATE,TOTALDEMAND,RRP,PERIODTYPE</c>); <c>SETTLEMENTDATE</c> is the interval's END in NEM
/// time (UTC+10 all year), <c>YYYY/MM/DD HH:MM:SS</c>;</item>
/// <item>our cleaned <c>interval_start_utc,interval_end_nem_time,total_demand_mw,rrp_aud_per_mwh</c>, whose region
/// comes from the file name (<c>aemo_sa1_...</c>) or the caller;</item>
/// <item>the same with <c>interval_minutes</c> (30 or 5) at the end, for files that span the move to five-minute
/// settlement: each row covers <c>[interval_start_utc, +interval_minutes)</c>, and its NEM end must agree.</item>
/// </list>
/// Demand goes negative when rooftop solar exceeds load and prices go negative in oversupply: both are stored
/// as published. Values are public as soon as the interval is dispatched (real time), whatever rule the caller gives.
/// </summary>
public sealed partial class AemoPriceDemandImporter : IFileImporter
{
    /// <summary>NEM time never observes daylight saving, so a fixed offset is exact, whatever the year.</summary>
    private static readonly TimeSpan NemOffset = TimeSpan.FromHours(10);

    /// <summary>
    /// Five-minute settlement began with the interval ending 04:05 NEM time on 2021-10-01; earlier AEMO files
    /// hold 30-minute trading intervals.
    /// </summary>
    private static readonly DateTimeOffset FiveMinuteSettlementEnd = new(2021, 10, 1, 4, 0, 0, TimeSpan.FromHours(10));

    private static readonly string[] AemoHeader = ["REGION", "SETTLEMENTDATE", "TOTALDEMAND", "RRP", "PERIODTYPE"];

    private static readonly string[] CleanedHeader = ["interval_start_utc", "interval_end_nem_time", "total_demand_mw", "rrp_aud_per_mwh"];

    private static readonly string[] CleanedWithMinutesHeader = [.. CleanedHeader, "interval_minutes"];

    private static readonly string[] SettlementFormats = ["yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm"];

    /// <inheritdoc />
    public string Source => "aemo";

    /// <inheritdoc />
    public ImportBatch Parse(Stream content, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Row by row: eighteen months of 5-minute intervals are ~160k rows, and holding them all made the GC the
        // largest cost of the parse.
        using var csv = CsvRows.Open(content, context.FileName);
        var header = csv.Header;
        var builder = new BatchBuilder(Source, context.FileName);
        // Demand, price and, for a region whose proxy target reads the price, the rule's share, per row.
        builder.EnsureCapacity(3 * csv.EstimatedRows, 3);

        var first = header[0].Trim();
        if (first.Equals(AemoHeader[0], StringComparison.OrdinalIgnoreCase))
        {
            CsvFile.RequireHeader(context.FileName, header, AemoHeader, "AEMO PRICE_AND_DEMAND");
            ParseAemo(csv.Rows(), header, context, builder);
        }
        else if (first.Equals(CleanedHeader[0], StringComparison.OrdinalIgnoreCase)
            && header.Fields.Length > CleanedHeader.Length
            && header[CleanedHeader.Length].Trim().Equals(CleanedWithMinutesHeader[^1], StringComparison.OrdinalIgnoreCase))
        {
            CsvFile.RequireHeader(context.FileName, header, CleanedWithMinutesHeader, "cleaned AEMO price and demand with interval minutes");
            ParseCleanedWithMinutes(csv.Rows(), header, ResolveFileRegion(context), builder);
        }
        else if (first.Equals(CleanedHeader[0], StringComparison.OrdinalIgnoreCase))
        {
            CsvFile.RequireHeader(context.FileName, header, CleanedHeader, "cleaned AEMO price and demand");
            ParseCleaned(csv.Rows(), header, ResolveFileRegion(context), builder);
        }
        else
        {
            throw new ImportFormatException(context.FileName, header.Line, 1,
                $"not an AEMO price and demand file: the header starts with '{first}'. Expected {string.Join(',', AemoHeader)} or {string.Join(',', CleanedHeader)}.");
        }

        return builder.Batch;
    }

    private static void ParseAemo(IEnumerable<CsvLine> rows, CsvLine header, ImportContext context, BatchBuilder builder)
    {
        var month = FileMonth(context.FileName);
        // Every row of a monthly file names the same region: look it up again only when the text changes.
        string? lastCode = null;
        Region? lastRegion = null;
        foreach (var row in rows)
        {
            builder.CountRow();
            if (row.Fields.Length < AemoHeader.Length)
            {
                builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {AemoHeader.Length}", row.Raw);
                continue;
            }

            var code = row[0].Trim();
            var region = code == lastCode ? lastRegion : context.Regions.Find(code);
            (lastCode, lastRegion) = (code, region);
            if (region is null)
            {
                builder.Reject(row.Line, header[0], $"NEM region '{code}' is not in the region catalogue", row.Raw);
                continue;
            }

            var text = row[1].Trim();
            if (!DateTime.TryParseExact(text, SettlementFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var settlement))
            {
                builder.Reject(row.Line, header[1], $"'{text}' is not a settlement time like 2024/01/01 00:05:00", row.Raw);
                continue;
            }

            if (month is { } m && !InMonth(settlement, m))
            {
                builder.Reject(row.Line, header[1],
                    $"settlement {text} is outside the file's month {m.Year:D4}-{m.Month:D2} (the file name's month, plus its last interval ending 00:00 on the 1st of the next)", row.Raw);
                continue;
            }

            var end = new DateTimeOffset(settlement, NemOffset).ToUniversalTime();
            var length = end <= FiveMinuteSettlementEnd ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(5);
            AddValues(row, header, region, end - length, end, demandIndex: 2, priceIndex: 3, builder);
        }
    }

    private static void ParseCleaned(IEnumerable<CsvLine> rows, CsvLine header, Region region, BatchBuilder builder)
    {
        foreach (var row in rows)
        {
            builder.CountRow();
            if (row.Fields.Length < CleanedHeader.Length)
            {
                builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {CleanedHeader.Length}", row.Raw);
                continue;
            }

            if (!Values.TryParseInstant(row[0], naiveIsUtc: true, out var start))
            {
                builder.Reject(row.Line, header[0], $"'{row[0].Trim()}' is not an ISO-8601 instant", row.Raw);
                continue;
            }

            // The end carries its own +10:00 offset; without one the column's NEM meaning would be a guess.
            if (!Values.TryParseInstant(row[1], naiveIsUtc: false, out var end) || end <= start)
            {
                builder.Reject(row.Line, header[1], $"'{row[1].Trim()}' is not an ISO-8601 time with offset after the interval start", row.Raw);
                continue;
            }

            AddValues(row, header, region, start, end, demandIndex: 2, priceIndex: 3, builder);
        }
    }

    private static void ParseCleanedWithMinutes(IEnumerable<CsvLine> rows, CsvLine header, Region region, BatchBuilder builder)
    {
        const int minutesIndex = 4;
        foreach (var row in rows)
        {
            builder.CountRow();
            if (row.Fields.Length < CleanedWithMinutesHeader.Length)
            {
                builder.Reject(row.Line, null, $"the row has {row.Fields.Length} fields, the header {CleanedWithMinutesHeader.Length}", row.Raw);
                continue;
            }

            if (!Values.TryParseInstant(row[0], naiveIsUtc: true, out var start))
            {
                builder.Reject(row.Line, header[0], $"'{row[0].Trim()}' is not an ISO-8601 instant", row.Raw);
                continue;
            }

            var minutesText = row[minutesIndex].Trim();
            if (minutesText is not ("5" or "30"))
            {
                builder.Reject(row.Line, header[minutesIndex], $"interval length '{minutesText}' is not 5 or 30 minutes (AEMO's two settlement intervals)", row.Raw);
                continue;
            }

            var end = start.AddMinutes(minutesText == "5" ? 5 : 30);
            // The NEM end is redundant with start and length, so a disagreement means one of them is wrong and the
            // row cannot say which.
            var endText = row[1].Trim();
            if (!DateTimeOffset.TryParseExact(endText, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var nemEnd)
                || nemEnd.Offset != NemOffset || nemEnd != end)
            {
                builder.Reject(row.Line, header[1],
                    $"'{endText}' is not the interval's end in NEM time: expected {end.ToOffset(NemOffset):yyyy-MM-dd'T'HH:mm:sszzz} (start plus {minutesText} minutes)", row.Raw);
                continue;
            }

            AddValues(row, header, region, start, end, demandIndex: 2, priceIndex: 3, builder);
        }
    }

    private static void AddValues(CsvLine row, CsvLine header, Region region, DateTimeOffset start, DateTimeOffset end, int demandIndex, int priceIndex, BatchBuilder builder)
    {
        // Both values parse before either is added: a row with one bad number is rejected whole.
        if (!TryValue(row, header, demandIndex, builder, out var demand) || !TryValue(row, header, priceIndex, builder, out var price))
        {
            return;
        }

        var published = PublicationRule.RealTime.PublishedAt(start, end, region.TimeZone);
        if (demand is { } d)
        {
            builder.Add(row, header[demandIndex], new Observation(region.Id, SeriesIds.Demand, start, end - start, d, builder.Source, published));
        }

        if (price is { } p && builder.Add(row, header[priceIndex], new Observation(region.Id, SeriesIds.PriceAud, start, end - start, p, builder.Source, published))
            && region.Target.Proxy is { Series: SeriesIds.PriceAud } proxy)
        {
            // The region forecasts the share of the interval its price rule holds (ADR 0007), derived here once.
            builder.Add(row, header[priceIndex], new Observation(region.Id, region.Target.Series, start, end - start, proxy.ShareOf(p), builder.Source, published));
        }
    }

    private static bool TryValue(CsvLine row, CsvLine header, int index, BatchBuilder builder, out double? value)
    {
        if (Values.TryParseOptional(row[index], out value))
        {
            return true;
        }

        builder.Reject(row.Line, header[index], $"'{row[index].Trim()}' is not a number", row.Raw);
        return false;
    }

    /// <summary>
    /// A settlement time belongs to the month when it falls in it, except 00:00 on the 1st, which ends the previous
    /// month's last interval (AEMO's January file ends with 2024/02/01 00:00:00).
    /// </summary>
    private static bool InMonth(DateTime settlement, (int Year, int Month) month)
    {
        var monthStart = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return settlement > monthStart && settlement <= monthStart.AddMonths(1);
    }

    private static (int Year, int Month)? FileMonth(string fileName)
    {
        var match = MonthlyFileName().Match(Path.GetFileName(fileName));
        if (!match.Success)
        {
            // A renamed download still parses; only the month check needs the name.
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12
            ? (year, month)
            : throw new ImportFormatException(fileName, 0, null, $"the file name's month '{match.Groups["month"].Value}' is not 01..12.");
    }

    private static Region ResolveFileRegion(ImportContext context)
    {
        var match = NemRegionInName().Match(Path.GetFileName(context.FileName));
        if (!match.Success)
        {
            if (context.RegionId is null)
            {
                throw new ImportFormatException(context.FileName, 0, null,
                    "the file name names no NEM region (sa1, nsw1, vic1, qld1, tas1) and the file has no REGION column: give the region (--region).");
            }

            return context.Regions.Find(context.RegionId)
                ?? throw new ImportFormatException(context.FileName, 0, null, $"unknown region '{context.RegionId}' (--region).");
        }

        var code = match.Value.ToUpperInvariant();
        if (context.RegionId is not null && !context.RegionId.Equals(code, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportFormatException(context.FileName, 0, null, $"the file name says NEM region {code} but the region given is '{context.RegionId}'.");
        }

        return context.Regions.Find(code)
            ?? throw new ImportFormatException(context.FileName, 0, null, $"NEM region '{code}' is not in the region catalogue.");
    }

    [GeneratedRegex(@"^PRICE_AND_DEMAND_(?<year>\d{4})(?<month>\d{2})_", RegexOptions.IgnoreCase)]
    private static partial Regex MonthlyFileName();

    [GeneratedRegex("(?<![A-Za-z])(NSW1|QLD1|VIC1|SA1|TAS1)(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex NemRegionInName();
}
