using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;
using static Curtailment.Ingestion.Tests.Caiso.CaisoTestSupport;

namespace Curtailment.Ingestion.Tests.Caiso;

public sealed class CaisoOutlookImporterTests
{
    private const string DemandHeader = "Time,Day ahead forecast,Hour ahead forecast,Current demand\n";
    private readonly CaisoOutlookImporter _importer = new();

    [Fact]
    public void Parse_SourcesDay_ReadsTimeAsIntervalEnd()
    {
        var batch = ParseFixture(_importer, "Outlook", "sources", "20210105.csv");

        Assert.Equal("caiso-outlook", batch.Source);
        Assert.Empty(batch.Rejected);
        Assert.Equal(3, batch.RowsRead);
        Assert.Equal(3 * 13, batch.Observations.Count);
        // The first 00:00 row ends at midnight: it is 2021-01-04 23:55-24:00 PST.
        var solar = Assert.Single(batch.Observations, o => o.Series == SeriesIds.Solar && o.IntervalStart == Utc("2021-01-05T07:55:00Z"));
        Assert.Equal(-38, solar.Value);
        Assert.Equal(TimeSpan.FromMinutes(5), solar.Duration);
        Assert.Equal(Utc("2021-01-05T08:00:00Z"), solar.PublishedAt);
        // "Natural Gas"/"Large Hydro" header case; negative batteries and imports are kept.
        Assert.Equal(2000, Value(batch, "natural_gas_mw", Utc("2021-01-05T19:55:00Z")));
        Assert.Equal(-900, Value(batch, "batteries_mw", Utc("2021-01-05T19:55:00Z")));
        Assert.Equal(-500, Value(batch, SeriesIds.Imports, Utc("2021-01-05T19:55:00Z")));
        Assert.Equal(650, Value(batch, "large_hydro_mw", Utc("2021-01-05T07:55:00Z")));
    }

    [Fact]
    public void Parse_DemandDay_PublishesActualsForecastsByTheirOwnRules()
    {
        var batch = ParseFixture(_importer, "Outlook", "demand", "20210105.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(4, batch.RowsRead);
        Assert.Equal(11, batch.Observations.Count);
        var start = Utc("2021-01-05T08:00:00Z");
        var actual = Single(batch, SeriesIds.Demand, start);
        var hourAhead = Single(batch, SeriesIds.DemandForecastHourAhead, start);
        var dayAhead = Single(batch, SeriesIds.DemandForecastDayAhead, start);
        Assert.Equal(21700, actual.Value);
        Assert.Equal(Utc("2021-01-05T08:05:00Z"), actual.PublishedAt);
        Assert.Equal(Utc("2021-01-05T07:00:00Z"), hourAhead.PublishedAt);
        // 10:00 PST on 2021-01-04, the day before the interval's local day.
        Assert.Equal(Utc("2021-01-04T18:00:00Z"), dayAhead.PublishedAt);
        // The first 00:00 interval belongs to 2021-01-04, so its day-ahead value was published on the 3rd.
        Assert.Equal(Utc("2021-01-03T18:00:00Z"), Single(batch, SeriesIds.DemandForecastDayAhead, Utc("2021-01-05T07:55:00Z")).PublishedAt);
    }

    [Fact]
    public void Parse_TrailingMidnightRow_IsTheIntervalEndingAtNextMidnight()
    {
        var batch = ParseFixture(_importer, "Outlook", "demand", "20210105.csv");

        // 23:55 ends 2021-01-06 07:55Z; the 289th row (0:00) ends 08:00Z and has no current demand.
        Assert.Equal(20700, Value(batch, SeriesIds.DemandForecastHourAhead, Utc("2021-01-06T07:55:00Z")));
        Assert.DoesNotContain(batch.Observations, o => o.Series == SeriesIds.Demand && o.IntervalStart == Utc("2021-01-06T07:55:00Z"));
        Assert.Equal(20800, Value(batch, SeriesIds.Demand, Utc("2021-01-06T07:50:00Z")));
    }

    [Fact]
    public void Parse_FileInDatedFolder_TakesTheDayFromTheFolder()
    {
        var batch = ParseFixture(_importer, "Outlook", "20210106", "demand.csv");

        // 12:00 PST on 2021-01-06 ends the interval starting 19:55Z.
        Assert.Equal(24750, Value(batch, SeriesIds.Demand, Utc("2021-01-06T19:55:00Z")));
    }

    [Fact]
    public void Parse_UndatedFileName_ThrowsAskingForADatedName()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "demand.csv", DemandHeader + "00:05,1,2,3\n"));

        Assert.Equal(0, e.Line);
        Assert.Contains("YYYYMMDD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SpringForwardDay_SkipsBlankRowsAndRejectsValuesAtSkippedTimes()
    {
        var batch = ParseFixture(_importer, "Outlook", "sources", "20210314.csv");

        Assert.Equal(5, batch.RowsRead);
        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(5, rejected.Line);
        Assert.Equal("Time", rejected.Column);
        Assert.Contains("2021-03-14 02:10 does not exist", rejected.Reason, StringComparison.Ordinal);
        // 01:55 PST ends 09:55Z; 03:00 PDT ends 10:00Z, so that interval starts 01:55 PST.
        Assert.Equal([Utc("2021-03-14T09:50:00Z"), Utc("2021-03-14T09:55:00Z")],
            batch.Observations.Where(o => o.Series == SeriesIds.Wind).Select(o => o.IntervalStart).Order().ToArray());
    }

    [Fact]
    public void Parse_SpringForwardZeroFilledRow_IsAPlaceholderNotAnError()
    {
        var batch = ParseText(_importer, "20210314.csv", DemandHeader + "01:55,1,2,3\n02:00,,0,\n03:00,4,5,6\n");

        Assert.Empty(batch.Rejected);
        Assert.Equal(6, batch.Observations.Count);
    }

    [Fact]
    public void Parse_FallBackDay_ReadsRepeatedHourAsFirstOccurrence()
    {
        var batch = ParseFixture(_importer, "Outlook", "demand", "20211107.csv");

        Assert.Empty(batch.Rejected);
        // 00:55, 01:00 and 01:05 PDT ends; 02:00 PST ends 10:00Z (the repeated hour is missing).
        Assert.Equal(
            [Utc("2021-11-07T07:50:00Z"), Utc("2021-11-07T07:55:00Z"), Utc("2021-11-07T08:00:00Z"), Utc("2021-11-07T09:55:00Z")],
            batch.Observations.Where(o => o.Series == SeriesIds.Demand).Select(o => o.IntervalStart).Order().ToArray());
    }

    [Fact]
    public void Parse_FallBackDayListedTwice_ReadsTheSecondListingAsTheRepeat()
    {
        var batch = ParseText(_importer, "20211107.csv", DemandHeader + "01:05,1,2,3\n01:05,1,2,4\n");

        Assert.Empty(batch.Rejected);
        Assert.Equal(3, Value(batch, SeriesIds.Demand, Utc("2021-11-07T08:00:00Z")));
        Assert.Equal(4, Value(batch, SeriesIds.Demand, Utc("2021-11-07T09:00:00Z")));
    }

    [Fact]
    public void Parse_RowErrors_RejectsUnparseableAndConflictingRows()
    {
        var batch = ParseText(_importer, "20210105.csv", DemandHeader + "00:05,1,2,3\n00:10,1,x,3\n25:00,1,2,3\n00:05,1,2,9\n00:05,1,2,3\n");

        Assert.Equal(5, batch.RowsRead);
        Assert.Equal([(3, "Hour ahead forecast"), (4, "Time"), (5, "Current demand")],
            batch.Rejected.Select(r => (r.Line, r.Column)).ToArray());
        Assert.Equal("'x' is not a number", batch.Rejected[0].Reason);
        Assert.Contains("with a different value: 9 here, 3 on line 2", batch.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.Equal(3, batch.Observations.Count);
    }

    [Fact]
    public void Parse_CleanedYear_KeepsQaFlagsAsNoteAndPublishesPerColumn()
    {
        var batch = ParseFixture(_importer, "Outlook", "caiso_outlook_fuelmix_demand_5min_sample.csv");

        Assert.Empty(batch.Rejected);
        Assert.Equal(2, batch.RowsRead);
        // 17 series; natural gas blank on the second row.
        Assert.Equal(17 + 16, batch.Observations.Count);
        var start = Utc("2020-01-01T08:00:00Z");
        Assert.Equal(Utc("2020-01-01T08:05:00Z"), Single(batch, SeriesIds.Solar, start).PublishedAt);
        Assert.Equal(Utc("2020-01-01T07:00:00Z"), Single(batch, SeriesIds.DemandForecastHourAhead, start).PublishedAt);
        Assert.Equal(Utc("2019-12-31T18:00:00Z"), Single(batch, SeriesIds.DemandForecastDayAhead, start).PublishedAt);
        Assert.Equal(20620, Single(batch, SeriesIds.NetLoad, start).Value);
        Assert.Null(Single(batch, SeriesIds.Solar, start).Note);
        Assert.Equal("stale:solar;blank:natural_gas", Single(batch, SeriesIds.Wind, Utc("2020-01-01T08:05:00Z")).Note);
        Assert.DoesNotContain(batch.Observations, o => o.Series == "natural_gas_mw" && o.IntervalStart == Utc("2020-01-01T08:05:00Z"));
    }

    [Fact]
    public void Parse_CleanedDuplicateWithDifferentValue_RejectsTheLaterRow()
    {
        var text = File.ReadAllText(TestData("Outlook", "caiso_outlook_fuelmix_demand_5min_sample.csv"))
            + "2020-01-01T08:00:00+00:00,2020-01-01T08:05:00+00:00,2020-01-01T00:05:00-08:00,-30,815,650,300,220,210,10,2270,8100,1400,5,8500,0,21400,21450,21150,20620,,\n"
            + "2020-01-01T08:00:00+00:00,2020-01-01T08:05:00+00:00,2020-01-01T00:05:00-08:00,-30,810,650,300,220,210,10,2270,8100,1400,5,8500,0,21400,21450,21150,20620,,\n";

        var batch = ParseText(_importer, "cleaned.csv", text);

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal(4, rejected.Line);
        Assert.Equal("wind_mw", rejected.Column);
        Assert.Contains("815 here, 810 on line 2", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(810, Value(batch, SeriesIds.Wind, Utc("2020-01-01T08:00:00Z")));
        Assert.Equal(33, batch.Observations.Count);
    }

    [Fact]
    public void Parse_CleanedUnparseableNumber_RejectsTheRow()
    {
        var batch = ParseText(_importer, "cleaned.csv",
            "interval_start_utc,interval_end_utc,solar_mw,demand_mw,qa_flags\n2020-01-01T08:00:00+00:00,2020-01-01T08:05:00+00:00,1,n/a,\n");

        var rejected = Assert.Single(batch.Rejected);
        Assert.Equal((2, "demand_mw", "'n/a' is not a number"), (rejected.Line, rejected.Column, rejected.Reason));
        Assert.Empty(batch.Observations);
    }

    [Fact]
    public void Parse_CleanedTruncatedLastLine_Throws()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "cleaned.csv",
            "interval_start_utc,interval_end_utc,solar_mw,demand_mw,qa_flags\n2020-01-01T08:00:00+00:00,2020-01-01T08:05:00+00:00,1,2,\n2020-01-01T08:05:00+00:00,2020-01"));

        Assert.Equal(3, e.Line);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedDayFile_Throws()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "20210105.csv", DemandHeader + "00:05,1,2,3\n00:10,1"));

        Assert.Equal(3, e.Line);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingHeader_Throws()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseText(_importer, "20210105.csv", "00:05,1,2,3\n"));

        Assert.Equal(1, e.Line);
        Assert.Contains("found '00:05'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CurtailmentsFile_ThrowsBecauseTheLayoutDiffers()
    {
        var e = Assert.Throws<ImportFormatException>(() => ParseFixture(_importer, "Production", "curtailments_normal.csv"));

        Assert.Contains("Today's Outlook", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 'Date'", e.Message, StringComparison.Ordinal);
    }

    private static Observation Single(ImportBatch batch, string series, DateTimeOffset start) =>
        Assert.Single(batch.Observations, o => o.Series == series && o.IntervalStart == start);

    private static double Value(ImportBatch batch, string series, DateTimeOffset start) => Single(batch, series, start).Value;
}
