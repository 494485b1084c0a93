namespace Twins.Simulator.Tests;

public sealed class VehicleIdentityTests
{
    [Fact]
    public void Vin_PadsTheIndexToSeventeenCharacters()
    {
        Assert.Equal("TWNVH000000000042", VehicleIdentity.Vin("TWNVH", 42));
    }

    [Fact]
    public void Vin_IndexTooLongForThePrefix_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VehicleIdentity.Vin("ABCDEFGHJKLMNPRS", 10));
    }

    [Fact]
    public void ThingName_FollowsTheContract()
    {
        Assert.Equal("Vehicle_WVWZZZ1JZ", VehicleIdentity.ThingName("wvw-zzz 1jz"));
    }

    [Theory]
    [InlineData('I', false)]
    [InlineData('O', false)]
    [InlineData('Q', false)]
    [InlineData('A', true)]
    [InlineData('7', true)]
    [InlineData('a', false)]
    public void IsVinCharacter_ExcludesIoq(char c, bool expected)
    {
        Assert.Equal(expected, VehicleIdentity.IsVinCharacter(c));
    }
}
