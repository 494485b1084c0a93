using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;
using Twins.Testing;
using static Twins.Mqtt.Tests.MqttTestClients;

namespace Twins.Mqtt.Tests.Client;

/// <summary>Keep-alive, dead-link detection and the reconnect backoff, driven by a manual clock.</summary>
public sealed class MqttClientKeepAliveTests(MosquittoFixture fixture) : IClassFixture<MosquittoFixture>
{
    private const byte PingReq = 12, PingResp = 13;

    private MosquittoBroker Broker => fixture.Broker;

    private static async Task<(MqttClient Client, List<MqttClientDisconnectedEventArgs> Events)> ConnectAsync(FaultProxy proxy, ManualTimeProvider clock, bool reconnect)
    {
        var client = new MqttClient();
        var events = new List<MqttClientDisconnectedEventArgs>();
        client.DisconnectedAsync += e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoBroker.Host, proxy.Port)
            .WithClientId(NewId("ka"))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithPingTimeout(TimeSpan.FromSeconds(10))
            .WithTimeProvider(clock);
        builder = reconnect ? builder.WithReconnect(new MqttReconnectOptions()) : builder.WithoutReconnect();
        await client.ConnectAsync(builder.Build());
        return (client, events);
    }

    [Fact]
    public async Task KeepAlive_IdleForThePeriod_SendsPingAndGetsResponse()
    {
        var clock = new ManualTimeProvider();
        await using var proxy = new FaultProxy(Broker.Port);
        var (client, events) = await ConnectAsync(proxy, clock, reconnect: false);
        await using var _ = client;

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(proxy.FramesOf(ProxyDirection.ToBroker, PingReq));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(() => proxy.FramesOf(ProxyDirection.ToClient, PingResp).Any(), "PINGREQ / PINGRESP");
        // A SUBACK comes after the PINGRESP on the same connection: once it is in, the PINGRESP was handled.
        await SubscribeAsync(client, $"test/ka/{Guid.NewGuid():N}");
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(client.IsConnected);
        Assert.Empty(events);
    }

    [Fact]
    public async Task KeepAlive_NoPingResponse_ClosesWithKeepAliveTimeout()
    {
        var clock = new ManualTimeProvider();
        await using var proxy = new FaultProxy(Broker.Port);
        var (client, events) = await ConnectAsync(proxy, clock, reconnect: false);
        await using var _ = client;

        proxy.BlackHole = true;
        clock.Advance(TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(() => proxy.FramesOf(ProxyDirection.ToBroker, PingReq).Any(), "the PINGREQ");
        clock.Advance(TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => !client.IsConnected && events.Count == 1, "the dead link to be detected");

        Assert.Equal(MqttDisconnectSource.KeepAliveTimeout, events[0].Source);
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, events[0].ReasonCode);
    }

    [Fact]
    public async Task Reconnect_AfterConnectionLoss_WaitsForTheBackoffOnTheInjectedClock()
    {
        var clock = new ManualTimeProvider();
        await using var proxy = new FaultProxy(Broker.Port);
        var (client, events) = await ConnectAsync(proxy, clock, reconnect: true);
        await using var _ = client;
        proxy.CutAll();
        // The backoff delay is a timer on the manual clock (a draw of exactly 0 ms would reconnect at once).
        await Poll.UntilAsync(() => events.Count == 1 && (clock.PendingTimerCount > 0 || client.IsConnected), "the loss to be noticed");
        Assert.True(events[0].WillReconnect);
        Assert.Equal(MqttDisconnectSource.Transport, events[0].Source);
        if (!client.IsConnected)
        {
            Assert.Equal(1, proxy.Connections);
            // First attempt: full jitter within [0, 1 s].
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Poll.UntilAsync(() => client.IsConnected && client.Statistics.Reconnects == 1, "the reconnect");
        Assert.Equal(2, proxy.Connections);
    }
}
