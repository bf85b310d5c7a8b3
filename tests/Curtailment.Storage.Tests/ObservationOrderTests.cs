using Curtailment.Core.Observations;
using Curtailment.Storage.Sql;

namespace Curtailment.Storage.Tests;

public sealed class ObservationOrderTests
{
    private static readonly DateTimeOffset Day = new(2021, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static Observation Obs(string series, int slot, double value) =>
        new("CAISO", series, Day.AddMinutes(5 * slot), TimeSpan.FromMinutes(5), value, "test", Day.AddDays(1));

    [Fact]
    public void Create_InterleavedRows_GroupsBySeriesKeyThenStart()
    {
        // Row-major like a wide file: each time step lists solar then demand; solar gets the smaller key.
        var observations = new List<Observation>
        {
            Obs(SeriesIds.Solar, 0, 1), Obs(SeriesIds.Demand, 0, 2), Obs(SeriesIds.Solar, 1, 3), Obs(SeriesIds.Demand, 1, 4),
        };
        var keys = new Dictionary<string, long> { [SeriesIds.Demand] = 9, [SeriesIds.Solar] = 4 };

        var order = ObservationOrder.Create(observations, (_, series) => keys[series]);

        Assert.Equal([0, 2, 1, 3], order.Indices);
        Assert.Equal([4L, 9L], order.Runs.Select(r => r.Key));
        Assert.Equal([0, 2], order.Runs.Select(r => r.Offset));
        Assert.All(order.Runs, r => Assert.Equal(2, r.Count));
        Assert.All(order.Runs, r => Assert.False(r.HasDuplicateStarts));
        Assert.Equal(Day.ToUnixTimeSeconds(), order.Runs[0].FirstStart);
        Assert.Equal(Day.AddMinutes(5).ToUnixTimeSeconds(), order.Runs[0].LastStart);
    }

    [Fact]
    public void Create_UnsortedRunWithRepeatedStart_SortsByStartKeepingBatchOrderAmongEquals()
    {
        var observations = new List<Observation>
        {
            Obs(SeriesIds.Demand, 7, 1), Obs(SeriesIds.Demand, 2, 2), Obs(SeriesIds.Demand, 7, 3), Obs(SeriesIds.Demand, 0, 4),
        };
        var calls = 0;

        var order = ObservationOrder.Create(observations, (_, _) => ++calls);

        Assert.Equal(1, calls);
        Assert.Equal([3, 1, 0, 2], order.Indices);
        var run = Assert.Single(order.Runs);
        Assert.True(run.HasDuplicateStarts);
        Assert.Equal(Day.ToUnixTimeSeconds(), run.FirstStart);
        Assert.Equal(Day.AddMinutes(35).ToUnixTimeSeconds(), run.LastStart);
    }

    [Fact]
    public void Create_SameSeriesNameInTwoRegions_KeepsThemApart()
    {
        var observations = new List<Observation> { Obs(SeriesIds.Demand, 0, 1), Obs(SeriesIds.Demand, 0, 2) with { Region = "SPP" } };

        var order = ObservationOrder.Create(observations, (region, _) => region == "SPP" ? 2 : 1);

        Assert.Equal(2, order.Runs.Length);
        Assert.All(order.Runs, r => Assert.False(r.HasDuplicateStarts));
    }
}
