using Curtailment.Core.Regions;
using Curtailment.Ingestion.Feeds;
using Curtailment.ReplayServer.Data;

namespace Curtailment.ReplayServer.Layouts;

/// <summary>
/// Cuts the cleaned files into the operators' layouts at the virtual time: each period's file exists from its feed's
/// <see cref="FeedPublication.ExpectedAt"/>, and a file that grows through its period holds only the rows already
/// published. Publication faults (late, never) shift or withhold what is visible.
/// </summary>
internal sealed partial class ReplayContent(ReplayData data, FeedCatalog feeds, IRegionCatalog regions, FaultBook faults, TimeProvider clock)
{
    /// <summary>The feeds this server answers for, by name.</summary>
    public static readonly string[] ServedFeeds =
    [
        OutlookFuelSourceFeed, OutlookDemandFeed, OasisRenewablesFeed, OasisLoadFeed, WorkbookFeed, EiaFeed, AemoFeed,
    ];

    private const string OutlookFuelSourceFeed = "caiso-outlook-fuelsource";
    private const string OutlookDemandFeed = "caiso-outlook-demand";
    private const string OasisRenewablesFeed = "caiso-oasis-renewables-forecast";
    private const string OasisLoadFeed = "caiso-oasis-load-forecast";
    private const string WorkbookFeed = "caiso-production-workbook";
    private const string EiaFeed = "eia930-ciso";
    private const string AemoFeed = "aemo-price-demand-sa1";

    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private DateTimeOffset Now => clock.GetUtcNow();

    private IOperatorFeed Feed(string name) => feeds.Get(name);

    /// <summary>
    /// Whether the file of <paramref name="feed"/> for the period starting <paramref name="periodStart"/> is out at
    /// <see cref="Now"/>, and the instant up to which its content is visible. For a daily feed the period's own day
    /// faults count; for monthly and yearly files only the faults without a day (theirs act on rows).
    /// </summary>
    private (bool Out, DateTimeOffset Seen) FileState(IOperatorFeed feed, DateOnly periodStart)
    {
        var (never, delay) = faults.Publication(feed.Name, feed.Cadence == FeedCadence.Daily ? periodStart : null);
        var seen = Now - delay;
        return (!never && feed.Publication.ExpectedAt(periodStart) <= seen, seen);
    }

    private Func<DateOnly, bool> InPeriod(IOperatorFeed feed, DateOnly periodStart) =>
        day => feed.Cadence.PeriodStart(day) == periodStart;
}
