using Curtailment.Core.Forecasts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Curtailment.Host.Tests;

/// <summary>Writes forecast vintages into a host's store through the production composition, before the host starts.</summary>
internal static class StoredVintages
{
    public static async Task SaveAsync(HostFactory host, params ForecastVintage[] vintages)
    {
        await using (var services = SeededDatabase.Services(host.DbPath, host.Time))
        {
            var store = services.GetRequiredService<IForecastStore>();
            foreach (var vintage in vintages)
            {
                await store.SaveForecastAsync(vintage, default);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Points on a grid of <paramref name="step"/> from <paramref name="start"/> for <paramref name="count"/> steps, with
    /// <paramref name="mw"/> and probability 0.9 inside <c>[blockStart, blockEnd)</c>, 0 MW and probability 0.05 elsewhere.
    /// </summary>
    public static List<ForecastPoint> Block(
        DateTimeOffset start, TimeSpan step, int count, DateTimeOffset blockStart, DateTimeOffset blockEnd, double mw, double probability = 0.9)
    {
        var points = new List<ForecastPoint>(count);
        for (var i = 0; i < count; i++)
        {
            var t = start + (step * i);
            var inside = t >= blockStart && t < blockEnd;
            points.Add(new ForecastPoint(t, t + step, inside ? mw : 0, 0, inside ? mw : 0, inside ? probability : 0.05));
        }

        return points;
    }
}
