using System.Text;
using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Aemo;
using Curtailment.Ingestion.Caiso;
using Curtailment.Ingestion.Eia930;
using Curtailment.Ingestion.Feeds;
using Curtailment.Ingestion.Fetching;
using Curtailment.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Curtailment.Ingestion.Tests.Feeds.FeedTestSupport;
using static Curtailment.Testing.LoopbackServer;

namespace Curtailment.Ingestion.Tests.Feeds;

/// <summary>Each operator feed's URL layout, its "not published yet" signs and the importer its file goes to.</summary>
[Trait("Category", "Integration")]
public class OperatorFeedTests
{
    private static ImportBatch Import(IFileImporter importer, FetchedFile file)
    {
        using var stream = new MemoryStream(file.Content);
        return importer.Parse(stream, new ImportContext(file.FileName, TestFiles.Regions));
    }

    [Fact]
    public async Task OasisFeed_DayAheadRenewables_AsksForThePacificDayAndImportsTheZip()
    {
        var zip = Zip("20210314_20210315_SLD_REN_FCST_DAM_20210313_15_00_00_v1.csv", TestFiles.Bytes("Caiso/Oasis/20210314_SLD_REN_FCST_DAM.csv"));
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, zip, "application/x-zip-compressed"));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("caiso-oasis-renewables-forecast").FetchAsync(new DateOnly(2021, 3, 14), default);

        // The spring-forward day runs from 08:00 UTC to 07:00 UTC the next morning.
        Assert.Equal(["/oasisapi/SingleZip?resultformat=6&queryname=SLD_REN_FCST&version=1&market_run_id=DAM&startdatetime=20210314T08:00-0000&enddatetime=20210315T07:00-0000"],
            server.Paths);
        Assert.Equal("20210314_SLD_REN_FCST_DAM.zip", result.File!.FileName);
        var batch = Import(new CaisoOasisImporter(), result.File);
        Assert.Contains(batch.Observations, o => o.Series == SeriesIds.WindForecastDayAhead && o.Value == 1550.75);
    }

    [Theory]
    [InlineData("1000", FeedOutcome.NotPublishedYet)]
    [InlineData("1010", null)]
    public async Task OasisFeed_ErrorZip_NoDataIsNotYetOtherCodesFail(string code, FeedOutcome? expected)
    {
        var xml = TestFiles.Bytes("Caiso/Oasis/INVALID_REQUEST.xml");
        var text = Encoding.UTF8.GetString(xml).Replace("<m:ERR_CODE>1000", $"<m:ERR_CODE>{code}", StringComparison.Ordinal);
        var zip = Zip("INVALID_REQUEST.xml", Encoding.UTF8.GetBytes(text));
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, zip, "application/x-zip-compressed"));
        await using var services = Services(server.BaseUrl);
        var feed = services.Feed("caiso-oasis-load-forecast");

        if (expected is { } outcome)
        {
            var result = await feed.FetchAsync(new DateOnly(2031, 1, 1), default);
            Assert.Equal(outcome, result.Outcome);
            Assert.Contains("No data returned", result.Reason, StringComparison.Ordinal);
        }
        else
        {
            var error = await Assert.ThrowsAsync<FetchException>(() => feed.FetchAsync(new DateOnly(2021, 1, 1), default));
            Assert.Contains($"code {code}", error.Message, StringComparison.Ordinal);
            Assert.Contains("queryname=SLD_FCST", error.Url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReportFeed_HtmlDays_FetchThePageUnderADatedName()
    {
        var page = TestFiles.Bytes("Caiso/Report/DailyRenewableReportJun15_2025.html");
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, page, "text/html"));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("caiso-renewables-report").FetchAsync(new DateOnly(2025, 6, 15), default);

        Assert.Equal(["/documents/daily-renewable-report-jun-15-2025.html"], server.Paths);
        Assert.Equal("DailyRenewableReportJun15_2025.html", result.File!.FileName);
        Assert.Contains(Import(new CaisoCurtailmentReportImporter(), result.File).Observations, o => o.Series == SeriesIds.TotalCurtailment);
    }

    [Fact]
    public async Task ReportFeed_PageWithoutTheArrays_IsNotPublishedYet()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, "<html><body>Coming soon</body></html>"u8.ToArray(), "text/html"));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("caiso-renewables-report").FetchAsync(new DateOnly(2025, 7, 1), default);

        Assert.Equal(FeedOutcome.NotPublishedYet, result.Outcome);
    }

    [Fact]
    public async Task ReportFeed_DayBeforeTheHtmlPages_FetchesThePdf()
    {
        var pdf = ReportPdf.Write(new DateOnly(2017, 3, 1), ["03/01 9 Economic Local SOLR 120.5 150"]);
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, pdf, "application/pdf"));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("caiso-renewables-report").FetchAsync(new DateOnly(2017, 3, 1), default);

        Assert.Equal(["/documents/wind_solarreal-timedispatchcurtailmentreportmar01_2017.pdf"], server.Paths);
        Assert.Equal("Wind_SolarReal-TimeDispatchCurtailmentReportMar01_2017.pdf", result.File!.FileName);
        var batch = Import(new CaisoCurtailmentReportImporter(), result.File);
        Assert.Equal(120.5, Assert.Single(batch.Observations, o => o.Series == SeriesIds.SolarCurtailment).Value);
    }

    [Fact]
    public async Task EiaFeed_NoApiKey_IsSkippedWithoutARequest()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, "{}"u8.ToArray()));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("eia930-ciso").FetchAsync(new DateOnly(2021, 11, 7), default);

        Assert.Equal(FeedOutcome.Skipped, result.Outcome);
        Assert.Contains("Curtailment:Feeds:Eia:ApiKey", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task EiaFeed_WithKey_AsksForTheUtcDayAndKeepsTheKeyOutOfTheRecord()
    {
        var json = TestFiles.Bytes("Eia930/EIA930_CISO_20211107.json");
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, json, "application/json"));
        await using var services = Services(server.BaseUrl, extra: new() { ["Curtailment:Feeds:Eia:ApiKey"] = "secret-key-123" });

        var result = await services.Feed("eia930-ciso").FetchAsync(new DateOnly(2021, 11, 7), default);

        var path = Uri.UnescapeDataString(Assert.Single(server.Paths));
        Assert.StartsWith("/eia/v2/electricity/rto/region-data/data/?frequency=hourly&data[0]=value&facets[respondent][]=CISO&start=2021-11-07T00&end=2021-11-07T23", path, StringComparison.Ordinal);
        Assert.Contains("api_key=secret-key-123", path, StringComparison.Ordinal);
        Assert.Equal("EIA930_CISO_20211107.json", result.File!.FileName);
        Assert.DoesNotContain("secret-key-123", result.File.SourceUrl, StringComparison.Ordinal);
        Assert.Contains(Import(new Eia930ApiImporter(), result.File).Observations, o => o.Series == SeriesIds.Demand);
    }

    [Theory]
    [InlineData("{\"error\":\"API_KEY_INVALID: api_key=secret-key-123 is not valid\",\"code\":403}", "refused")]
    [InlineData("{\"response\":{\"total\":\"6000\",\"data\":[{\"period\":\"2021-11-07T08\"}]}}", "6000")]
    [InlineData("{\"response\":{\"total\":9,\"data\":[{\"period\":\"2021-11-07T08\"", "not whole JSON")]
    public async Task EiaFeed_BadAnswer_ThrowsWithoutTheKey(string body, string expected)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, Encoding.UTF8.GetBytes(body), "application/json"));
        await using var services = Services(server.BaseUrl, extra: new() { ["Curtailment:Feeds:Eia:ApiKey"] = "secret-key-123" });

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Feed("eia930-ciso").FetchAsync(new DateOnly(2021, 11, 7), default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EiaFeed_NoRowsYet_IsNotPublishedYet()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, "{\"response\":{\"total\":0,\"data\":[]}}"u8.ToArray(), "application/json"));
        await using var services = Services(server.BaseUrl, extra: new() { ["Curtailment:Feeds:Eia:ApiKey"] = "k" });

        var result = await services.Feed("eia930-ciso").FetchAsync(new DateOnly(2031, 1, 1), default);

        Assert.Equal(FeedOutcome.NotPublishedYet, result.Outcome);
    }

    [Fact]
    public async Task AemoFeed_AnyDayOfTheMonth_FetchesTheMonthFile()
    {
        var csv = TestFiles.Bytes("Aemo/PRICE_AND_DEMAND_202401_SA1.csv");
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, csv));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("aemo-price-demand-sa1").FetchAsync(new DateOnly(2024, 1, 17), default);

        Assert.Equal(["/aemo/data/nem/priceanddemand/PRICE_AND_DEMAND_202401_SA1.csv"], server.Paths);
        Assert.Equal("PRICE_AND_DEMAND_202401_SA1.csv", result.File!.FileName);
        Assert.All(Import(new AemoPriceDemandImporter(), result.File).Observations, o => Assert.Equal("SA1", o.Region));
    }

    [Fact]
    public async Task WorkbookFeed_Workbook_ReturnsCaisoName()
    {
        var workbook = Eia930.WorkbookFixture.Write("Production", [["Date", "Hour"]]);
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, workbook));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("caiso-production-workbook").FetchAsync(new DateOnly(2021, 7, 4), default);

        Assert.Equal("ProductionAndCurtailmentsData_2021.xlsx", result.File!.FileName);
        Assert.Equal(["/documents/productionandcurtailmentsdata_2021.xlsx"], server.Paths);
    }

    [Fact]
    public async Task WorkbookFeed_HtmlInsteadOfWorkbook_IsNotPublishedYet()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, "<html><body>Page not found</body></html>"u8.ToArray(), "text/html"));
        await using var services = Services(server.BaseUrl);

        var result = await services.Feed("caiso-production-workbook").FetchAsync(new DateOnly(2030, 1, 1), default);

        Assert.Equal(FeedOutcome.NotPublishedYet, result.Outcome);
    }

    [Fact]
    public async Task Catalog_EveryFeed_HasAnImporterAndARegion()
    {
        await using var services = Services(new Uri("http://127.0.0.1:1/"));
        var importers = new ImporterCatalog(new ServiceCollection().AddCurtailmentIngestion()
            .BuildServiceProvider().GetServices<IFileImporter>());

        var feeds = services.GetRequiredService<FeedCatalog>().All;

        Assert.Equal(
            ["aemo-price-demand-sa1", "caiso-oasis-load-forecast", "caiso-oasis-renewables-forecast", "caiso-outlook-demand", "caiso-outlook-fuelsource",
             "caiso-production-workbook", "caiso-renewables-report", "eia930-ciso"],
            feeds.Select(f => f.Name));
        Assert.All(feeds, f => Assert.NotNull(importers.Get(f.Source)));
        Assert.All(feeds, f => Assert.NotNull(TestFiles.Regions.Find(f.RegionId)));
    }
}
