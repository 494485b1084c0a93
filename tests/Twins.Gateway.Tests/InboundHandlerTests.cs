using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Twins.Grains.Routing;
using Twins.Grains.Telemetry;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;

namespace Twins.Gateway.Tests;

public sealed class InboundHandlerTests
{
    private static readonly TelemetryRoute Telemetry = new("car-a");

    [Fact]
    public void Admit_IdentityPropertyNamesAnotherThing_RefusedAndCounted()
    {
        var (handler, counters) = Handler(new GatewayOptions { PublisherIdentityProperty = "x-identity" });

        var admitted = handler.Admit(Message(("x-identity", "car-b")), Telemetry, "car-a");

        Assert.False(admitted);
        Assert.Equal(1, counters.Rejected["identity-mismatch"]);
    }

    [Fact]
    public void Admit_IdentityPropertyMissingOrRepeated_Refused()
    {
        var (handler, counters) = Handler(new GatewayOptions { PublisherIdentityProperty = "x-identity" });

        Assert.False(handler.Admit(Message(), Telemetry, "car-a"));
        // A client's own copy next to the broker's stamp is not an identity.
        Assert.False(handler.Admit(Message(("x-identity", "car-a"), ("x-identity", "car-a")), Telemetry, "car-a"));

        Assert.Equal(1, counters.Rejected["identity-missing"]);
        Assert.Equal(1, counters.Rejected["identity-mismatch"]);
    }

    [Fact]
    public void Admit_IdentityMatchesTheTopicsThing_Admitted()
    {
        var (handler, counters) = Handler(new GatewayOptions { PublisherIdentityProperty = "x-identity" });

        Assert.True(handler.Admit(Message(("x-identity", "car-a")), Telemetry, "car-a"));
        Assert.Equal(0, counters.RejectedTotal);
    }

    [Fact]
    public void Admit_NoIdentityPropertyConfigured_TheBrokerAclDecides()
    {
        var (handler, counters) = Handler(new GatewayOptions());

        Assert.True(handler.Admit(Message(("x-identity", "car-b")), Telemetry, "car-a"));
        Assert.Equal(0, counters.RejectedTotal);
    }

    [Fact]
    public void Admit_PayloadOverTheLimit_RefusedAndCounted()
    {
        var (handler, counters) = Handler(new GatewayOptions { MaxPayloadBytes = 1024 });

        Assert.True(handler.Admit(new MqttApplicationMessage { Topic = "t", Payload = new byte[1024] }, Telemetry, "car-a"));
        Assert.False(handler.Admit(new MqttApplicationMessage { Topic = "t", Payload = new byte[1025] }, Telemetry, "car-a"));

        Assert.Equal(1, counters.Rejected["payload-too-large"]);
    }

    private static MqttApplicationMessage Message(params (string Name, string Value)[] properties) => new()
    {
        Topic = "twins/vehicles/car-a/telemetry",
        Payload = "{}"u8.ToArray(),
        UserProperties = [.. properties.Select(p => new MqttUserProperty(p.Name, p.Value))],
    };

    private static (InboundHandler Handler, GatewayCounters Counters) Handler(GatewayOptions options)
    {
        var counters = new GatewayCounters();
        var time = new ManualTimeProvider();
        var publisher = new GatewayPublisher(Options.Create(options), counters, time, NullLoggerFactory.Instance);
        var handler = new InboundHandler(null!, Options.Create(options), publisher, counters, Options.Create(new TelemetryDescriptorOptions()), time, NullLogger<InboundHandler>.Instance);
        return (handler, counters);
    }
}
