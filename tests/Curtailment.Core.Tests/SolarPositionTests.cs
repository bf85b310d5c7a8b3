using Curtailment.Core.Sun;

namespace Curtailment.Core.Tests;

public sealed class SolarPositionTests
{
    [Fact]
    public void ElevationDegrees_FresnoAtSolarNoonOnJuneSolstice_IsNinetyMinusLatitudePlusTilt()
    {
        // Fresno 36.75N 119.77W; solar noon on 21 June 2021 is about 19:59 UTC; 90 - 36.75 + 23.44 = 76.7.
        var elevation = SolarPosition.ElevationDegrees(new DateTimeOffset(2021, 6, 21, 19, 59, 0, TimeSpan.Zero), 36.75, -119.77);

        Assert.InRange(elevation, 76.3, 77.1);
    }

    [Fact]
    public void ElevationDegrees_Midnight_IsBelowHorizonAndClearSkyIsZero()
    {
        var elevation = SolarPosition.ElevationDegrees(new DateTimeOffset(2021, 3, 1, 8, 0, 0, TimeSpan.Zero), 36.78, -119.42);

        Assert.True(elevation < -30);
        Assert.Equal(0, SolarPosition.ClearSkyIrradiance(elevation));
    }

    [Fact]
    public void ClearSkyIrradiance_HighSun_IsAboutAThousand()
    {
        Assert.InRange(SolarPosition.ClearSkyIrradiance(90), 1000, 1050);
        Assert.True(SolarPosition.ClearSkyIrradiance(30) < SolarPosition.ClearSkyIrradiance(60));
    }
}
