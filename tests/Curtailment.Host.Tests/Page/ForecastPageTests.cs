using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Curtailment.Core.Forecasts;
using Curtailment.Core.Ingest;
using Curtailment.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Curtailment.Host.Tests.Page;

/// <summary>
/// The forecast page at <c>/</c> in headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright), over
/// the real host on a loopback port with the seeded store. The browser's clock is fixed to the host's fake "now".
/// Without the browser the tests report skipped, unless <c>CURTAILMENT_REQUIRE_BROWSER=1</c> (CI) makes that a failure.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ForecastPageTests : IAsyncLifetime
{
    // The page asks for the 48 hours from the current hour: 17:00Z on the seeded day.
    private static readonly DateTimeOffset PageFrom = new(2025, 6, 15, 17, 0, 0, TimeSpan.Zero);

    private readonly List<string> _pageErrors = [];
    private HostFactory? _host;
    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private string? _userDataDir;

    public async ValueTask InitializeAsync()
    {
        // Without the browser there is nothing to start; each test then skips (or fails) in OpenAsync.
        if (!File.Exists(Requires.ChromiumPath))
        {
            return;
        }

        _host = await HostFactory.SeededAsync();
        string baseUrl;
        using (var client = _host.Client())
        {
            // Starts Kestrel on its loopback port; the browser gets the same address.
            baseUrl = client.BaseAddress!.ToString();
        }

        _userDataDir = Directory.CreateTempSubdirectory("curtailment-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_userDataDir, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Requires.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
            BaseURL = baseUrl,
        });
        // Forecasts are computed on first request; on two shared cores that can take a while.
        _context.SetDefaultTimeout(90_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_userDataDir is not null)
        {
            try
            {
                Directory.Delete(_userDataDir, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be flushing its profile; the OS cleans temp folders.
            }
        }
    }

    [Fact]
    public async Task Open_SeededStore_ListsRegionsAndLabelsSyntheticData()
    {
        var page = await OpenAsync();

        var options = await page.Locator("#region option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Equal(Catalogue.Ids, options);
        Assert.Equal("SYNTHETIC demo data", await page.Locator("#data-kind").InnerTextAsync());
        Assert.True(await page.Locator("#data-kind").IsVisibleAsync());
        Assert.Contains("fasttree@v1", await page.Locator("#region-info").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.Locator("#message").IsVisibleAsync());
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task Open_Caiso_DrawsFortyEightHoursWithBandProbabilityAndLocalTimeAxis()
    {
        var page = await OpenAsync();

        // The service forecasts from "now" (17:30Z) to the end of the next day in California (07:00Z on the 17th).
        var expected = (int)(new DateTimeOffset(2025, 6, 17, 7, 0, 0, TimeSpan.Zero) - SeededDatabase.Now).TotalMinutes / 5;
        var chart = page.Locator("#chart svg");
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-intervals"));
        var line = await page.Locator("#forecast-line").GetAttributeAsync("d");
        Assert.Equal(expected, line!.Count(c => c is 'M' or 'L'));
        Assert.NotEmpty(await page.Locator("#forecast-band").GetAttributeAsync("points") ?? "");
        Assert.NotEmpty(await page.Locator("#probability").GetAttributeAsync("points") ?? "");
        var labels = await chart.TextContentAsync() ?? "";
        Assert.Contains("Curtailment (MW)", labels, StringComparison.Ordinal);
        Assert.Contains("Local time, America/Los_Angeles (UTC\u221207:00)", labels, StringComparison.Ordinal);
        // 17:00Z is 10:00 in California: the caption shows local times with their offset.
        Assert.Contains("UTC\u221207:00", await page.Locator("#chart-caption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(_pageErrors);

        Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "artifacts", "page.png"), FullPage = true });
    }

    [Fact]
    public async Task Open_Caiso_ListsEachDaysDriversAsTheApiServesThem()
    {
        var page = await OpenAsync();

        Assert.True(await page.Locator("#explanations").IsVisibleAsync());
        var shown = await page.Locator("#explanation-days > li").EvaluateAllAsync<string[][]>(
            "days => days.map(d => [d.dataset.date, ...[...d.querySelectorAll('li')].map(l => `${l.dataset.effect}|${l.textContent}`)])");
        JsonNode served;
        using (var client = _host!.Client())
        {
            var to = PageFrom.AddHours(48);
            served = await Json.ReadAsync(
                await client.GetAsync($"/api/v1/regions/CAISO/forecast?from={Uri.EscapeDataString(PageFrom.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}"),
                HttpStatusCode.OK);
        }

        var expected = served["explanations"]!.AsArray()
            .Select(d => new[] { d!["date"]!.GetValue<string>() }
                .Concat(d["drivers"]!.AsArray().Select(x => $"{x!["effect"]!.GetValue<string>()}|{x["text"]!.GetValue<string>()}")).ToArray())
            .ToArray();
        Assert.Equal(["2025-06-15", "2025-06-16"], shown.Select(d => d[0]));
        Assert.Equal(expected, shown);
        Assert.All(shown, d => Assert.InRange(d.Length - 1, 1, 3));
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task BestWindowForm_ThreeHourJob_ListsThreeStartsInsideTheAllowedRange()
    {
        var page = await OpenAsync();

        await page.Locator("#duration").FillAsync("3");
        await page.Locator("#job-submit").ClickAsync();

        var items = page.Locator("#job-results li");
        await Assertions.Expect(items).ToHaveCountAsync(3, new LocatorAssertionsToHaveCountOptions { Timeout = 90_000 });
        var starts = await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.start)");
        Assert.All(starts, s =>
        {
            var start = DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);
            Assert.InRange(start, PageFrom, PageFrom.AddHours(24 - 3));
        });
        Assert.Equal(3, starts.Distinct().Count());
        Assert.Contains("MWh expected", await items.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.Locator("#message").IsVisibleAsync());
    }

    [Fact]
    public async Task BestWindowForm_DeadlineBeforeEarliestStart_ShowsTheProblemDetail()
    {
        var page = await OpenAsync();

        await page.Locator("#earliest").FillAsync("2025-06-15T12:00");
        await page.Locator("#deadline").FillAsync("2025-06-15T11:00");
        await page.Locator("#job-submit").ClickAsync();

        var message = page.Locator("#message");
        await Assertions.Expect(message).ToBeVisibleAsync();
        var text = await message.InnerTextAsync();
        Assert.Contains("HTTP 400", text, StringComparison.Ordinal);
        Assert.Contains("deadline: 'deadline' must be at least 'earliestStart' + 'duration'.", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#job-results li").CountAsync());
    }

    [Fact]
    public async Task Open_Overview_OneRowPerRegionWithTheForecastOrTheReason()
    {
        Requires.Browser();
        // Forecasts for CAISO and SA1 stored first (as the daily job would), so the overview shows them from the start.
        using (var client = _host!.Client())
        {
            Assert.True((await client.GetAsync("/api/v1/regions/CAISO/forecast")).IsSuccessStatusCode);
            Assert.True((await client.GetAsync("/api/v1/regions/SA1/forecast")).IsSuccessStatusCode);
        }

        var page = await OpenAsync();
        await page.WaitForSelectorAsync("body[data-outlook=ready]");

        var rows = page.Locator("#outlook tbody tr");
        Assert.Equal(Catalogue.Ids, await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.region)"));
        var caiso = page.Locator("#outlook tr[data-region=CAISO]");
        Assert.Equal("ok", await caiso.GetAttributeAsync("data-status"));
        Assert.Contains("MWh", await caiso.Locator("td.expected").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("fasttree@v1", await caiso.Locator("td.model").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("UTC\u221207:00", await caiso.InnerTextAsync(), StringComparison.Ordinal);
        var sa1 = page.Locator("#outlook tr[data-region=SA1]");
        Assert.Contains("event h", await sa1.Locator("td.expected").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("UTC+10:00", await sa1.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("proxy", await sa1.Locator(".proxy").InnerTextAsync());
        var tennet = page.Locator("#outlook tr[data-region=DE-TENNET]");
        Assert.Equal("no-forecast", await tennet.GetAttributeAsync("data-status"));
        Assert.Contains("No stored forecast covers", await tennet.Locator("td.reason").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("No stored forecast covers", await page.Locator("#outlook tr[data-region=ERCOT] td.reason").InnerTextAsync(), StringComparison.Ordinal);
        // Skill needs day-ahead vintages scored against actuals: none are stored yet, and the cell says why.
        Assert.Contains("n/a", await caiso.Locator("td").Last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.Locator("#message").IsVisibleAsync());

        // A row selects its region below.
        await page.Locator("#outlook tr[data-region=GB-SCOTLAND]").ClickAsync();
        await Assertions.Expect(page.Locator("#chart-caption")).ToContainTextAsync("GB-SCOTLAND", new LocatorAssertionsToContainTextOptions { Timeout = 90_000 });
        Assert.Equal("GB-SCOTLAND", await page.Locator("#region").InputValueAsync());
        Assert.Contains("Europe/London", await page.Locator("#region-info").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(_pageErrors);
    }

    /// <summary>
    /// Opens the page with the browser clock at the host's "now" and waits for CAISO's chart; without the browser it
    /// skips the test, or fails it where CI requires the browser.
    /// </summary>
    [Fact]
    public async Task Open_StaleVintageAndAFailingFeed_ShowsStaleBadgesAndTheFeedsTable()
    {
        Requires.Browser();
        // SPP (no active model): a vintage issued yesterday 10:00 CDT covering three local days, so the page's 48 hours
        // are served from it; today's 10:00 CDT issue has passed (now is 12:30 CDT). Two feeds, one failing.
        var midnight = new DateTimeOffset(2025, 6, 15, 5, 0, 0, TimeSpan.Zero);
        var issued = new DateTimeOffset(2025, 6, 14, 15, 0, 0, TimeSpan.Zero);
        await _host!.Services.GetRequiredService<IForecastStore>().SaveForecastAsync(
            new ForecastVintage(0, "SPP", issued, issued, "week_profile", issued, StoredVintages.Block(midnight, TimeSpan.FromHours(1), 72, midnight, midnight, 0)), default);
        var feeds = _host.Services.GetRequiredService<IFeedStatusStore>();
        await feeds.RecordFeedRunAsync(new FeedRunReport("caiso-outlook-demand", "CAISO", SeededDatabase.Now, new DateOnly(2025, 6, 14), null), default);
        await feeds.RecordFeedRunAsync(new FeedRunReport("aemo-price-demand-sa1", "SA1", SeededDatabase.Now, null, "HTTP 500 from http://aemo.test/x.csv"), default);

        var page = await OpenAsync();
        await page.WaitForSelectorAsync("body[data-outlook=ready]");
        await page.WaitForSelectorAsync("body[data-feeds=ready]");

        var spp = page.Locator("#outlook tr[data-region=SPP]");
        Assert.Equal("true", await spp.GetAttributeAsync("data-stale"));
        Assert.True(await spp.Locator(".badge-stale").IsVisibleAsync());
        Assert.Null(await page.Locator("#outlook tr[data-region=CAISO]").GetAttributeAsync("data-stale"));
        Assert.False(await page.Locator("#stale").IsVisibleAsync()); // CAISO, selected first, is fresh
        var rows = page.Locator("#feeds tbody tr");
        Assert.Equal(["aemo-price-demand-sa1", "caiso-outlook-demand"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.feed)"));
        var failing = page.Locator("#feeds tr[data-feed=aemo-price-demand-sa1]");
        Assert.Equal("failing", await failing.GetAttributeAsync("data-status"));
        Assert.Contains("HTTP 500 from http://aemo.test/x.csv", await failing.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("2025-06-14", await page.Locator("#feeds tr[data-feed=caiso-outlook-demand]").InnerTextAsync(), StringComparison.Ordinal);

        await spp.ClickAsync();
        await Assertions.Expect(page.Locator("#stale")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 90_000 });
        Assert.Contains("2025-06-15 10:00 -05:00", await page.Locator("#stale-reason").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("SPP", await page.Locator("#chart-caption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(_pageErrors);
    }

    private async Task<IPage> OpenAsync()
    {
        Requires.Browser();
        if (_context is null)
        {
            throw new InvalidOperationException("The browser was installed while the tests ran: run them again.");
        }

        var page = _context.Pages.Count > 0 ? _context.Pages[0] : await _context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add(error);
        await page.Clock.SetFixedTimeAsync(SeededDatabase.Now.UtcDateTime);
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("body[data-state=ready]");
        return page;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Curtailment.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Curtailment.sln above {AppContext.BaseDirectory}.");
    }
}
