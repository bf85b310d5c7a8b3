using System.Net;
using System.Text.Json.Nodes;
using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Feeds;
using Curtailment.Pipelines.Forecasting;
using Curtailment.Pipelines.Ingest;
using Curtailment.ReplayServer;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests.Live;

/// <summary>
/// A replayed season: the host in its live profile, on a virtual clock, against the operator replay server serving the
/// real 2021 CAISO files at their publication times, day by day. The scheduled jobs fetch, ingest, retrain on their
/// cron and issue at 10:00; what it issued is what the backtest that retrains as the service does reports over the
/// store the service built, and operator faults lose nothing.
/// </summary>
[Trait("Category", "RealData")]
[Trait("Category", "Integration")]
public sealed class ReplayedSeasonTests
{
    private static readonly DateTimeOffset Start = new(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // The service's first retrain instant (or one before it had enough history) is the backtest's first.
    private static readonly DateOnly BacktestFrom = new(2021, 1, 12);

    [Fact]
    public async Task Replay_JanuaryToApril_IssuesForMarchAndAprilWhatTheBacktestReports()
    {
        await using var replay = await LiveReplay.StartAsync(Start);
        await replay.AdvanceDailyAsync(Start, new DateTimeOffset(2021, 5, 1, 8, 0, 0, TimeSpan.Zero));

        var (first, last) = (new DateOnly(2021, 3, 1), new DateOnly(2021, 4, 30));
        var (compared, mismatches) = await replay.CompareWithBacktestAsync(BacktestFrom, first, last);

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} intervals differ:\n{string.Join('\n', mismatches.Take(20))}");
        // Every 5-minute interval of 61 days, one hour shorter on 14 March.
        Assert.Equal((61 * 288) - 12, compared);
        // The check has teeth: trained models served (not the baseline), the service changed model inside the range
        // (retrains through the gate), and a vintage was issued at 10:00 for every day from February on.
        var vintages = await replay.VintagesAsync();
        var served = vintages.Where(v => v.IssuedAt >= DayAheadSchedule.IssueTime(replay.Caiso, first)).Select(v => v.ModelVersion).Distinct().ToList();
        Assert.True(served.Count >= 2, string.Join(", ", served));
        Assert.All(served, m => Assert.StartsWith("fasttree@v", m, StringComparison.Ordinal));
        for (var day = new DateOnly(2021, 2, 1); day <= last; day = day.AddDays(1))
        {
            Assert.Contains(vintages, v => v.IssuedAt == DayAheadSchedule.IssueTime(replay.Caiso, day));
        }
    }

    [Fact]
    public async Task Replay_WithOperatorFaults_LosesNoPublishedValueAndIssuesAgainWhenLateDataArrive()
    {
        var neverPublished = new DateOnly(2021, 2, 10);
        var late = new DateOnly(2021, 2, 12);
        var failing = new DateOnly(2021, 2, 14);
        var truncated = new DateOnly(2021, 2, 15);
        ReplayFault[] faults =
        [
            new() { Kind = ReplayFaultKind.Never, Feed = "caiso-oasis-renewables-forecast", Day = neverPublished },
            // Due at 09:00 on the 11th, published at 13:00: after that morning's issue, before the day it forecasts.
            new() { Kind = ReplayFaultKind.Late, Feed = "caiso-oasis-renewables-forecast", Day = late, Delay = TimeSpan.FromHours(4) },
            // Two runs (two attempts each) fail on the day, the next day's run gets it.
            new() { Kind = ReplayFaultKind.ServerError, Feed = "caiso-outlook-demand", Day = failing, Times = 4 },
            new() { Kind = ReplayFaultKind.Truncate, Feed = "caiso-outlook-fuelsource", Day = truncated, Times = 2 },
        ];
        await using var replay = await LiveReplay.StartAsync(Start, faults);
        JsonNode? readyWhileFailing = null;
        await replay.AdvanceDailyAsync(Start, new DateTimeOffset(2021, 2, 21, 8, 0, 0, TimeSpan.Zero), async day =>
        {
            // Midnight in California on the 15th: the demand file of the 14th has failed twice and not been fetched since.
            if (day == new DateTimeOffset(2021, 2, 15, 8, 0, 0, TimeSpan.Zero))
            {
                var response = await replay.Client.GetAsync("/health/ready");
                readyWhileFailing = await Json.ReadAsync(response, HttpStatusCode.OK);
            }
        });

        // A failing feed degrades readiness, names itself, and stops none of the others.
        Assert.Equal("Degraded", readyWhileFailing!["status"]!.GetValue<string>());
        var text = readyWhileFailing.ToJsonString();
        Assert.Contains("caiso-outlook-demand", text, StringComparison.Ordinal);
        Assert.Contains("500", text, StringComparison.Ordinal);

        // The service issued at 10:00 every day, and again when the late day-ahead forecast arrived (13:00 on the 11th).
        var caiso = replay.Caiso;
        var vintages = await replay.VintagesAsync();
        for (var day = new DateOnly(2021, 2, 1); day <= new DateOnly(2021, 2, 20); day = day.AddDays(1))
        {
            Assert.Contains(vintages, v => v.IssuedAt == DayAheadSchedule.IssueTime(caiso, day));
        }

        var lateArrival = new DateTimeOffset(2021, 2, 11, 21, 0, 0, TimeSpan.Zero);
        Assert.Contains(vintages, v => v.IssuedAt == lateArrival);
        var issuedForNever = vintages.Where(v => v.IssuedAt >= DayAheadSchedule.IssueTime(caiso, neverPublished) && v.IssuedAt < DayAheadSchedule.IssueTime(caiso, neverPublished.AddDays(1)));
        Assert.Single(issuedForNever);

        // No published value lost: each faulted file, fetched again now and imported, adds or changes no value in the store.
        var feeds = replay.Host.Services.GetRequiredService<FeedCatalog>();
        var ingest = replay.Host.Services.GetRequiredService<IngestPipeline>();
        foreach (var (feed, day) in new[] { ("caiso-oasis-renewables-forecast", late), ("caiso-outlook-demand", failing), ("caiso-outlook-fuelsource", truncated) })
        {
            var before = StoreRows.Read(replay.Host.DbPath, StoreRows.Observations);
            var fetched = await feeds.Get(feed).FetchAsync(day, default);
            Assert.Equal(FeedOutcome.Fetched, fetched.Outcome);
            var result = await ingest.IngestBytesAsync(feeds.Get(feed).Source, fetched.File!.Content, fetched.File.FileName, "CAISO", null, default);
            // Unchanged: the very bytes are stored already; otherwise the file's values must all be there.
            Assert.True(result.Run.Status == IngestRunStatus.Unchanged || result.Run.ObservationsAccepted > 0, $"{feed} {day}: {result.Run.Status}");
            Assert.Equal(before, StoreRows.Read(replay.Host.DbPath, StoreRows.Observations));
        }

        // And what the service issued at 10:00 despite the faults is still what the backtest reports over its store.
        var (compared, mismatches) = await replay.CompareWithBacktestAsync(BacktestFrom, new DateOnly(2021, 2, 1), new DateOnly(2021, 2, 20));
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} intervals differ:\n{string.Join('\n', mismatches.Take(20))}");
    }
}
