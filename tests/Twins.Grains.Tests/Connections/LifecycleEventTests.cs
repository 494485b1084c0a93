using System.Text;
using Twins.Grains.Connections;
using Twins.Grains.Routing;

namespace Twins.Grains.Tests.Connections;

public sealed class LifecycleEventTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Parse_AwsConnectedEvent_ReadsEveryField()
    {
        const string payload = """
            {"clientId":"Vehicle_1","timestamp":1767225600123,"eventType":"connected","sessionIdentifier":"00000000-0000-0000-0000-000000000000",
             "principalIdentifier":"12345678901234567890123456789012","ipAddress":"192.0.2.0","versionNumber":7}
            """;

        var e = LifecycleEvent.Parse(Utf8(payload), new PresenceRoute("Vehicle_1", PresenceEventType.Connected), out var error);

        Assert.Null(error);
        Assert.Equal("Vehicle_1", e!.ClientId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600123), e.Timestamp);
        Assert.Equal(PresenceEventType.Connected, e.EventType);
        Assert.Equal("00000000-0000-0000-0000-000000000000", e.SessionIdentifier);
        Assert.Equal("12345678901234567890123456789012", e.PrincipalIdentifier);
        Assert.Equal("192.0.2.0", e.IpAddress);
        Assert.Equal(7, e.VersionNumber);
    }

    [Theory]
    [InlineData("AUTH_ERROR", DisconnectReason.AuthError)]
    [InlineData("CLIENT_INITIATED_DISCONNECT", DisconnectReason.ClientInitiatedDisconnect)]
    [InlineData("CLIENT_ERROR", DisconnectReason.ClientError)]
    [InlineData("CONNECTION_LOST", DisconnectReason.ConnectionLost)]
    [InlineData("DUPLICATE_CLIENTID", DisconnectReason.DuplicateClientId)]
    [InlineData("FORBIDDEN_ACCESS", DisconnectReason.ForbiddenAccess)]
    [InlineData("MQTT_KEEP_ALIVE_TIMEOUT", DisconnectReason.MqttKeepAliveTimeout)]
    [InlineData("SERVER_ERROR", DisconnectReason.ServerError)]
    [InlineData("SERVER_INITIATED_DISCONNECT", DisconnectReason.ServerInitiatedDisconnect)]
    [InlineData("THROTTLED", DisconnectReason.Throttled)]
    [InlineData("WEBSOCKET_TTL_EXPIRATION", DisconnectReason.WebSocketTtlExpiration)]
    [InlineData("CUSTOMAUTH_TTL_EXPIRATION", DisconnectReason.CustomAuthTtlExpiration)]
    [InlineData("UNKNOWN", DisconnectReason.Unknown)]
    [InlineData("NONE", DisconnectReason.None)]
    public void Parse_EveryDisconnectReason_IsRecognisedAndRoundTrips(string name, DisconnectReason reason)
    {
        var payload = $$"""{"clientId":"v","timestamp":1,"eventType":"disconnected","clientInitiatedDisconnect":true,"disconnectReason":"{{name}}","versionNumber":1}""";

        var e = LifecycleEvent.Parse(Utf8(payload), null, out _);

        Assert.Equal(reason, e!.DisconnectReason);
        Assert.True(e.ClientInitiatedDisconnect);
        Assert.Equal(name, reason.ToWireName());
    }

    [Theory]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"disconnected","disconnectReason":"BORED","versionNumber":1}""")]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"disconnected","disconnectReason":"connection_lost","versionNumber":1}""")]
    [InlineData("""{"timestamp":1,"eventType":"connected","versionNumber":1}""")]
    [InlineData("""{"clientId":"v","eventType":"connected","versionNumber":1}""")]
    [InlineData("""{"clientId":"v","timestamp":"1","eventType":"connected","versionNumber":1}""")]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"subscribed","versionNumber":1}""")]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"connected"}""")]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"connected","versionNumber":-1}""")]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"connected","versionNumber":1.5}""")]
    [InlineData("""{"clientId":"v","timestamp":1,"eventType":"connected","versionNumber":1,"clientInitiatedDisconnect":"yes"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{""")]
    public void Parse_Invalid_IsRejectedWithAReason(string payload)
    {
        Assert.Null(LifecycleEvent.Parse(Utf8(payload), null, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Parse_ClientIdOrTypeDifferentFromTopic_IsRejected()
    {
        var payload = Utf8("""{"clientId":"Vehicle_2","timestamp":1,"eventType":"connected","versionNumber":1}""");

        Assert.Null(LifecycleEvent.Parse(payload, new PresenceRoute("Vehicle_1", PresenceEventType.Connected), out _));
        Assert.Null(LifecycleEvent.Parse(payload, new PresenceRoute("Vehicle_2", PresenceEventType.Disconnected), out _));
        Assert.NotNull(LifecycleEvent.Parse(payload, new PresenceRoute("Vehicle_2", PresenceEventType.Connected), out _));
    }
}
