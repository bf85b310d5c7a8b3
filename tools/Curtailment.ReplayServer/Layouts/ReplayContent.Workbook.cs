using System.Globalization;
using Curtailment.Core.Time;
using Curtailment.Ingestion.Feeds;

namespace Curtailment.ReplayServer.Layouts;

internal sealed partial class ReplayContent
{
    /// <summary>The Production sheet's columns (CAISO's readme sheet); the cleaned files hold none of its rows.</summary>
    private static readonly string[] ProductionHeader =
    [
        "Date", "Hour", "Interval", "Load", "Solar", "Wind", "Net Load", "Renewables", "Nuclear", "Large Hydro", "Imports",
        "Generation", "Thermal", "Load Less (Generation+Imports)",
    ];

    private readonly Lock _workbookLock = new();
    private (int Year, int FaultVersion, int Rows, int LastRow, byte[] Body)? _workbookCache;

    /// <summary>
    /// <c>documents/productionandcurtailmentsdata_{yyyy}.xlsx</c>: the year-to-date workbook, its Curtailments sheet
    /// holding each row from the region's curtailment publication (CAISO: <c>nextday@10:00</c>) of its own interval,
    /// its Production sheet only the header. Before the feed's publication, and for years the cleaned file lacks,
    /// CAISO's placeholder page (status 200).
    /// </summary>
    public ReplayRoute Workbook(string name)
    {
        const string prefix = "productionandcurtailmentsdata_";
        var lower = name.ToLowerInvariant();
        if (!lower.StartsWith(prefix, StringComparison.Ordinal) || !lower.EndsWith(".xlsx", StringComparison.Ordinal)
            || !int.TryParse(lower.AsSpan(prefix.Length, lower.Length - prefix.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 1900 or > 9998)
        {
            return ReplayRoute.Fixed(ReplayAnswer.NotFound($"documents/{name}"));
        }

        var feed = Feed(WorkbookFeed);
        var periodStart = new DateOnly(year, 1, 1);
        return new ReplayRoute(feed.Name, InPeriod(feed, periodStart), () => WorkbookFile(feed, periodStart));
    }

    private ReplayAnswer WorkbookFile(IOperatorFeed feed, DateOnly periodStart)
    {
        var region = regions.Get(feed.RegionId);
        var zone = region.TimeZone;
        var table = data.Curtailment.Value;
        var (from, to) = table.Range(LocalClock.DayBounds(periodStart, zone).Start, LocalClock.DayBounds(periodStart.AddYears(1), zone).Start);
        var (published, _) = FileState(feed, periodStart);
        if (from == to || !published)
        {
            return ReplayAnswer.PlaceholderPage($"documents/productionandcurtailmentsdata_{periodStart.Year}.xlsx is not published at {Now:O}");
        }

        // Each row from its own publication instant, the day's faults applied; visibility only grows with the clock
        // (for one set of faults), so the number of visible rows names the workbook for the cache.
        var now = Now;
        var visibleByDay = new Dictionary<DateOnly, bool>();
        var visible = new List<int>(to - from);
        for (var i = from; i < to; i++)
        {
            var start = table.Key(i);
            var day = LocalClock.LocalDate(start, zone);
            if (!visibleByDay.TryGetValue(day, out var shown))
            {
                var (never, delay) = faults.Publication(feed.Name, day);
                shown = !never && region.CurtailmentPublication.PublishedAt(start, start + FiveMinutes, zone) + delay <= now;
                visibleByDay[day] = shown;
            }

            if (shown)
            {
                visible.Add(i);
            }
        }

        var key = (periodStart.Year, faults.Version, visible.Count, visible.Count > 0 ? visible[^1] : -1);
        lock (_workbookLock)
        {
            if (_workbookCache is { } cached && (cached.Year, cached.FaultVersion, cached.Rows, cached.LastRow) == key)
            {
                return new ReplayAnswer(200, XlsxType, cached.Body);
            }
        }

        var body = WriteWorkbook(visible);
        lock (_workbookLock)
        {
            _workbookCache = (key.Year, key.Version, key.Count, key.Item4, body);
        }

        return new ReplayAnswer(200, XlsxType, body);
    }

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private byte[] WriteWorkbook(List<int> rows)
    {
        var table = data.Curtailment.Value;
        using var buffer = new MemoryStream();
        using (var xlsx = new XlsxWriter(buffer))
        {
            xlsx.StartSheet("Production");
            xlsx.Row(ProductionHeader);
            xlsx.StartSheet("Curtailments");
            xlsx.Row("Date", "Hour", "Interval", "Wind Curtailment", "Solar Curtailment");
            foreach (var i in rows)
            {
                var row = table.Row(i);
                var date = DateOnly.ParseExact(row["date_local"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var hour = int.Parse(row["hour_ending_local"], NumberStyles.None, CultureInfo.InvariantCulture);
                var interval = int.Parse(row["interval_in_hour"], NumberStyles.None, CultureInfo.InvariantCulture);
                // CAISO leaves a fuel's cell empty when it had no curtailment; the cleaned file writes 0 there.
                xlsx.Row(date, hour, interval, NonZero(row.Number("wind_curtailment_mw")), NonZero(row.Number("solar_curtailment_mw")));
            }

            xlsx.Finish();
        }

        return buffer.ToArray();

        static object? NonZero(double? value) => value is { } v && v != 0 ? v : null;
    }
}
