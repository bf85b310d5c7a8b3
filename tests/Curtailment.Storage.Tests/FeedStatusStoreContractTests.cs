using Curtailment.Core.Ingest;

namespace Curtailment.Storage.Tests;

/// <summary>The feed-status contract every store must have; each store's test class supplies a fresh, empty store.</summary>
public abstract class FeedStatusStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 1, 18, 0, 0, TimeSpan.Zero);

    /// <summary>A store over a fresh database; called twice in one test, two stores over the same database (two processes).</summary>
    protected abstract IFeedStatusStore OpenStore();

    /// <summary>Skips the test where the store needs a server this machine does not have.</summary>
    protected virtual void RequireStore()
    {
    }

    [Fact]
    public async Task ListFeedStatusAsync_NoRunYet_IsEmpty()
    {
        RequireStore();

        Assert.Empty(await OpenStore().ListFeedStatusAsync(default));
    }

    [Fact]
    public async Task RecordFeedRunAsync_SuccessThenTwoFailuresThenSuccess_CountsFailuresInARowAndKeepsTheLastError()
    {
        RequireStore();
        var store = OpenStore();

        await store.RecordFeedRunAsync(new FeedRunReport("caiso-outlook-demand", "CAISO", T0, new DateOnly(2021, 3, 1), null), default);
        await store.RecordFeedRunAsync(new FeedRunReport("caiso-outlook-demand", "CAISO", T0.AddHours(1), null, "HTTP 500 from http://x/a"), default);
        var afterFailures = await RecordAndReadAsync(store, new FeedRunReport("caiso-outlook-demand", "CAISO", T0.AddHours(2), null, "time-out"));

        Assert.Equal(2, afterFailures.ConsecutiveFailures);
        Assert.True(afterFailures.IsFailing);
        Assert.Equal(T0, afterFailures.LastSuccessAt);
        Assert.Equal(T0.AddHours(2), afterFailures.LastAttemptAt);
        Assert.Equal(T0.AddHours(2), afterFailures.LastErrorAt);
        Assert.Equal("time-out", afterFailures.LastError);
        Assert.Equal(new DateOnly(2021, 3, 1), afterFailures.NewestPeriod);

        var recovered = await RecordAndReadAsync(store, new FeedRunReport("caiso-outlook-demand", "CAISO", T0.AddHours(3), new DateOnly(2021, 3, 2), null));

        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.False(recovered.IsFailing);
        Assert.Equal(T0.AddHours(3), recovered.LastSuccessAt);
        Assert.Equal(new DateOnly(2021, 3, 2), recovered.NewestPeriod);
        Assert.Equal("time-out", recovered.LastError); // the last error stays visible, with its time
        Assert.Equal(T0.AddHours(2), recovered.LastErrorAt);
    }

    [Fact]
    public async Task RecordFeedRunAsync_OlderPeriodFetchedLater_NewestPeriodNeverMovesBack()
    {
        RequireStore();
        var store = OpenStore();

        await store.RecordFeedRunAsync(new FeedRunReport("aemo-price-demand-sa1", "SA1", T0, new DateOnly(2021, 3, 1), null), default);
        var status = await RecordAndReadAsync(store, new FeedRunReport("aemo-price-demand-sa1", "SA1", T0.AddDays(1), new DateOnly(2021, 2, 1), null));

        Assert.Equal(new DateOnly(2021, 3, 1), status.NewestPeriod);
    }

    [Fact]
    public async Task ListFeedStatusAsync_TwoFeedsFromTwoProcesses_BothListedByNameEachWithItsOwnState()
    {
        RequireStore();
        var one = OpenStore();
        var other = OpenStore();

        await one.RecordFeedRunAsync(new FeedRunReport("caiso-outlook-fuelsource", "CAISO", T0, new DateOnly(2021, 3, 1), null), default);
        await other.RecordFeedRunAsync(new FeedRunReport("caiso-oasis-renewables", "CAISO", T0, null, "truncated body"), default);

        var all = await one.ListFeedStatusAsync(default);

        Assert.Equal(["caiso-oasis-renewables", "caiso-outlook-fuelsource"], all.Select(f => f.Feed));
        Assert.True(all[0].IsFailing);
        Assert.Null(all[0].LastSuccessAt);
        Assert.Equal("truncated body", all[0].LastError);
        Assert.False(all[1].IsFailing);
        Assert.Null(all[1].LastError);
    }

    [Fact]
    public async Task RecordFeedRunAsync_VeryLongError_KeepsItsStart()
    {
        RequireStore();
        var store = OpenStore();
        var message = "day.csv: line 3, column 2: " + new string('x', 10_000);

        var status = await RecordAndReadAsync(store, new FeedRunReport("caiso-outlook-demand", "CAISO", T0, null, message));

        Assert.StartsWith("day.csv: line 3, column 2: ", status.LastError, StringComparison.Ordinal);
        Assert.True(status.LastError!.Length < message.Length);
    }

    private static async Task<FeedStatus> RecordAndReadAsync(IFeedStatusStore store, FeedRunReport report)
    {
        await store.RecordFeedRunAsync(report, default);
        return Assert.Single(await store.ListFeedStatusAsync(default), f => f.Feed == report.Feed);
    }
}
