using System.Net;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Eia930;
using Curtailment.Ingestion.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Curtailment.Ingestion.Tests.Fetching;

[Trait("Category", "Integration")]
public class FetcherTests
{
    private static ServiceProvider Services(Uri baseUrl, int retries = 2, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Curtailment:Fetch:CaisoBaseUrl"] = baseUrl.AbsoluteUri,
            ["Curtailment:Fetch:EiaBaseUrl"] = baseUrl.AbsoluteUri + "eia/",
            ["Curtailment:Fetch:Eia930Path"] = "ba/{ba}/{start}-{end}.csv",
            ["Curtailment:Fetch:AttemptTimeout"] = "00:00:01",
            ["Curtailment:Fetch:TotalTimeout"] = "00:00:10",
            ["Curtailment:Fetch:MaxRetryAttempts"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Curtailment:Fetch:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddCurtailmentFetchers();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    /// <summary>The start-up validator reports every failing options instance (ours and each client's resilience options) together.</summary>
    private static OptionsValidationException StartupFailure(Action start)
    {
        var thrown = Assert.ThrowsAny<Exception>(start);
        var failures = thrown is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [thrown];
        return Assert.IsType<OptionsValidationException>(failures[0]);
    }

    private static Task Serve(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "text/csv";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    [Fact]
    public async Task FetchFuelSourceAsync_ServedFile_ReturnsBodyUnderDatedName()
    {
        var fixture = TestFiles.Bytes("Fetching/fuelsource.csv");
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, fixture));
        await using var services = Services(server.BaseUrl);

        var file = await services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 3, 14), CancellationToken.None);

        Assert.Equal("20210314_fuelsource.csv", file.FileName);
        Assert.Equal(fixture, file.Content);
        Assert.Equal(new Uri(server.BaseUrl, "outlook/history/20210314/fuelsource.csv").AbsoluteUri, file.SourceUrl);
        Assert.Equal(["/outlook/history/20210314/fuelsource.csv"], server.Paths);
    }

    [Fact]
    public async Task FetchDemandAsync_ServedFile_ReturnsDemandName()
    {
        var fixture = "Time,Day ahead forecast,Hour ahead forecast,Current demand\n00:05,21000,20900,20950\n"u8.ToArray();
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, fixture));
        await using var services = Services(server.BaseUrl);

        var file = await services.GetRequiredService<CaisoOutlookFetcher>().FetchDemandAsync(new DateOnly(2020, 11, 1), CancellationToken.None);

        Assert.Equal("20201101_demand.csv", file.FileName);
        Assert.Equal(["/outlook/history/20201101/demand.csv"], server.Paths);
    }

    [Fact]
    public async Task FetchAsync_EiaFile_NameCarriesBaSoImporterFindsRegion()
    {
        var fixture = TestFiles.Bytes("Eia930/eia930_demand_CISO_hourly.csv");
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, fixture));
        await using var services = Services(server.BaseUrl);

        var file = await services.GetRequiredService<Eia930Fetcher>().FetchAsync("ciso", new DateOnly(2019, 7, 1), new DateOnly(2024, 12, 31), CancellationToken.None);

        Assert.Equal("EIA930_CISO_20190701_20241231.csv", file.FileName);
        Assert.Equal(["/eia/ba/CISO/20190701-20241231.csv"], server.Paths);
        using var stream = new MemoryStream(file.Content);
        var batch = new Eia930Importer().Parse(stream, new Core.Ingest.ImportContext(file.FileName, TestFiles.Regions));
        Assert.All(batch.Observations, o => Assert.Equal("CAISO", o.Region));
        Assert.Contains(batch.Observations, o => o.Series == SeriesIds.Demand);
    }

    [Fact]
    public async Task FetchYearAsync_Workbook_ReturnsCaisoName()
    {
        var workbook = Eia930.WorkbookFixture.Write("Production", [["Date", "Hour"]]);
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, workbook));
        await using var services = Services(server.BaseUrl);

        var file = await services.GetRequiredService<CaisoWorkbookFetcher>().FetchYearAsync(2021, CancellationToken.None);

        Assert.Equal("ProductionAndCurtailmentsData_2021.xlsx", file.FileName);
        Assert.Equal(workbook, file.Content);
        Assert.Equal(["/documents/productionandcurtailmentsdata_2021.xlsx"], server.Paths);
    }

    [Fact]
    public async Task FetchYearAsync_HtmlInsteadOfWorkbook_ThrowsFetchException()
    {
        var html = "<html><body>Page not found</body></html>"u8.ToArray();
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, html));
        await using var services = Services(server.BaseUrl);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.GetRequiredService<CaisoWorkbookFetcher>().FetchYearAsync(2030, CancellationToken.None));

        Assert.EndsWith("productionandcurtailmentsdata_2030.xlsx", error.Url, StringComparison.Ordinal);
        Assert.Contains("not an xlsx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_ServerErrorThenSuccess_Retries()
    {
        var fixture = TestFiles.Bytes("Fetching/fuelsource.csv");
        await using var server = await LoopbackServer.StartAsync((context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            }

            return Serve(context, fixture);
        });
        await using var services = Services(server.BaseUrl);

        var file = await services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), CancellationToken.None);

        Assert.Equal(fixture, file.Content);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_AlwaysServerError_ThrowsWithStatusAfterRetries()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var services = Services(server.BaseUrl, retries: 2);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("/outlook/history/20210101/fuelsource.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_NotFound_ThrowsWithoutRetry()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await using var services = Services(server.BaseUrl);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2031, 1, 1), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_SlowFirstAttempt_TimesOutAndRetries()
    {
        var fixture = TestFiles.Bytes("Fetching/fuelsource.csv");
        await using var server = await LoopbackServer.StartAsync((context, number) =>
            number == 1 ? LoopbackServer.HangUntilAbortedAsync(context) : Serve(context, fixture));
        await using var services = Services(server.BaseUrl);

        var file = await services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), CancellationToken.None);

        Assert.Equal(fixture, file.Content);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_AlwaysSlow_ThrowsTimedOutNamingUrl()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.HangUntilAbortedAsync(context));
        // Attempts of 3 s, not 1 s: on a loaded machine a 1 s retry could time out before the server even counted it.
        await using var services = Services(server.BaseUrl, retries: 1, new() { ["Curtailment:Fetch:AttemptTimeout"] = "00:00:03" });

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), CancellationToken.None));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains("/outlook/history/20210101/fuelsource.csv", error.Url, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_BodyShorterThanContentLength_ThrowsFetchException()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("Time,Solar,Wind\n00:05,1"u8.ToArray());
            await context.Response.Body.FlushAsync();
        });
        await using var services = Services(server.BaseUrl);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), CancellationToken.None));

        Assert.Contains("/outlook/history/20210101/fuelsource.csv", error.Url, StringComparison.Ordinal);
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_EmptyBody_ThrowsFetchException()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Serve(context, []));
        await using var services = Services(server.BaseUrl);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), CancellationToken.None));

        Assert.Contains("empty body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchFuelSourceAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.HangUntilAbortedAsync(context));
        await using var services = Services(server.BaseUrl);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.GetRequiredService<CaisoOutlookFetcher>().FetchFuelSourceAsync(new DateOnly(2021, 1, 1), cancel.Token));
    }

    [Fact]
    public void AddCurtailmentFetchers_TotalTimeoutNotAboveAttempt_FailsAtStartNamingSetting()
    {
        var error = StartupFailure(() => Services(new Uri("http://127.0.0.1:1/"), extra: new()
        {
            ["Curtailment:Fetch:TotalTimeout"] = "00:00:01",
        }));

        Assert.Contains("TotalTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCurtailmentFetchers_TemplateWithoutPlaceholder_FailsAtStartNamingSetting()
    {
        var error = StartupFailure(() => Services(new Uri("http://127.0.0.1:1/"), extra: new()
        {
            ["Curtailment:Fetch:Eia930Path"] = "ba/latest.csv",
        }));

        Assert.Contains("Eia930Path", error.Message, StringComparison.Ordinal);
        Assert.Contains("{ba}", error.Message, StringComparison.Ordinal);
    }
}
