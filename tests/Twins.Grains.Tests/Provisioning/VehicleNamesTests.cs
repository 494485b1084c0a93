using Twins.Grains.Provisioning;

namespace Twins.Grains.Tests.Provisioning;

public sealed class VehicleNamesTests
{
    [Theory]
    [InlineData("WVWZZZ1JZXW000001", "Vehicle_WVWZZZ1JZXW000001")]
    [InlineData("wvw-zzz 1jz", "Vehicle_WVWZZZ1JZ")]
    [InlineData(" 1hg.cm82633a004352 ", "Vehicle_1HGCM82633A004352")]
    [InlineData("ÄBC_12", "Vehicle_BC12")]
    public void TryGetThingName_ReducesToUpperCaseLettersAndDigits(string vin, string expected)
    {
        Assert.True(VehicleNames.TryGetThingName(vin, out var thing));
        Assert.Equal(expected, thing);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("--- ...")]
    public void TryGetThingName_NothingLeft_IsRefused(string? vin)
    {
        Assert.False(VehicleNames.TryGetThingName(vin, out _));
    }

    [Fact]
    public void TryGetThingName_TooLong_IsRefused()
    {
        Assert.False(VehicleNames.TryGetThingName(new string('A', VehicleNames.MaxVinLength + 1), out _));
    }
}
