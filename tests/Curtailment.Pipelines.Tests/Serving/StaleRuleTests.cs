using Curtailment.Pipelines.Serving;
using Curtailment.Pipelines.Tests.Scheduling;

namespace Curtailment.Pipelines.Tests.Serving;

public sealed class StaleRuleTests
{
    // CAISO: America/Los_Angeles, day-ahead issue at 10:00 local (17:00Z in summer, 18:00Z in winter).
    private static readonly Core.Regions.Region Caiso = WindowFinderTests.Catalog.Value.Get("CAISO");
    private static readonly DateTimeOffset TodayTen = new(2025, 6, 15, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FarAhead = TodayTen.AddDays(2);

    [Fact]
    public void ExpectedIssue_BeforeTenLocal_IsYesterdaysIssue()
    {
        Assert.Equal(TodayTen.AddDays(-1), StaleRule.ExpectedIssue(Caiso, TodayTen.AddMinutes(-1)));
    }

    [Fact]
    public void ExpectedIssue_AtAndAfterTenLocal_IsTodaysIssue()
    {
        Assert.Equal(TodayTen, StaleRule.ExpectedIssue(Caiso, TodayTen));
        Assert.Equal(TodayTen, StaleRule.ExpectedIssue(Caiso, TodayTen.AddHours(13.9)));
    }

    [Fact]
    public void ExpectedIssue_WinterDay_TenLocalIsEighteenUtc()
    {
        var winterNoon = new DateTimeOffset(2025, 1, 15, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 1, 15, 18, 0, 0, TimeSpan.Zero), StaleRule.ExpectedIssue(Caiso, winterNoon));
    }

    [Fact]
    public void Check_TodaysIssuePassedAndVintageFromYesterday_IsStaleNamingBothIssueTimes()
    {
        var stale = StaleRule.Check(Caiso, TodayTen.AddDays(-1), FarAhead, TodayTen.AddMinutes(30));

        Assert.NotNull(stale);
        Assert.Equal(TodayTen, stale.ExpectedIssuedAt);
        Assert.Equal(TodayTen.AddDays(-1), stale.ServedIssuedAt);
        Assert.Contains("2025-06-15 10:00 -07:00", stale.Reason, StringComparison.Ordinal);
        Assert.Contains("2025-06-14 10:00 -07:00", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BeforeTodaysIssueTime_YesterdaysVintageIsNotStale()
    {
        Assert.Null(StaleRule.Check(Caiso, TodayTen.AddDays(-1), FarAhead, TodayTen.AddMinutes(-5)));
    }

    [Fact]
    public void Check_VintageIssuedAtOrAfterTheExpectedIssue_IsNotStale()
    {
        Assert.Null(StaleRule.Check(Caiso, TodayTen, FarAhead, TodayTen.AddHours(3)));
        Assert.Null(StaleRule.Check(Caiso, TodayTen.AddHours(2), FarAhead, TodayTen.AddHours(3)));
    }

    [Fact]
    public void Check_TwoDaysMissed_StaleAgainstTheLatestExpectedIssue()
    {
        var stale = StaleRule.Check(Caiso, TodayTen.AddDays(-2), FarAhead, TodayTen.AddMinutes(-5));

        Assert.Equal(TodayTen.AddDays(-1), stale?.ExpectedIssuedAt);
    }

    [Fact]
    public void Check_RangeAlreadyOver_IsNotStale()
    {
        var now = TodayTen.AddDays(3);

        Assert.Null(StaleRule.Check(Caiso, TodayTen.AddDays(-1), now, now));
        Assert.NotNull(StaleRule.Check(Caiso, TodayTen.AddDays(-1), now.AddMinutes(5), now));
    }
}
