using System.Text;
using Twins.Grains.DeviceShadow;

namespace Twins.Grains.Tests.DeviceShadow;

public sealed class VehicleShadowsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ShadowEngine _engine = new();

    private VehicleShadows Write(VehicleShadows shadows, string? name, string json) =>
        shadows.With(_engine.Update(shadows.Get(name), Encoding.UTF8.GetBytes(json), T0).State);

    [Fact]
    public void Get_ClassicAndNamed_AreIndependent()
    {
        var shadows = Write(VehicleShadows.Empty, null, """{"state":{"reported":{"a":1}}}""");
        shadows = Write(shadows, "battery", """{"state":{"reported":{"soc":80}}}""");
        shadows = Write(shadows, "battery", """{"state":{"reported":{"soc":81}}}""");

        Assert.Equal(1, shadows.Get(null).Version);
        Assert.Equal(2, shadows.Get("battery").Version);
        Assert.False(shadows.Get("other").Exists);
        Assert.Equal("other", shadows.Get("other").ShadowName);
    }

    [Fact]
    public void DeltasOnConnect_ReturnsEveryShadowWithADelta()
    {
        var shadows = Write(VehicleShadows.Empty, null, """{"state":{"desired":{"lock":true}}}""");
        shadows = Write(shadows, "climate", """{"state":{"desired":{"t":21},"reported":{"t":21}}}""");
        shadows = Write(shadows, "seats", """{"state":{"desired":{"heat":2}}}""");

        var deltas = shadows.DeltasOnConnect(T0);

        Assert.Equal([null, "seats"], deltas.Select(d => d.ShadowName));
    }

    [Fact]
    public void VehicleShadows_RoundTripsThroughJson()
    {
        var shadows = Write(VehicleShadows.Empty, "battery", """{"state":{"reported":{"soc":80}}}""");

        var restored = System.Text.Json.JsonSerializer.Deserialize<VehicleShadows>(System.Text.Json.JsonSerializer.Serialize(shadows))!;

        Assert.Equal(1, restored.Get("battery").Version);
        Assert.Equal(80, restored.Get("battery").Reported!.Value.GetProperty("soc").GetInt32());
    }
}
