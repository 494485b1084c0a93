using Twins.Grains.Connections;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>Lifecycle events through the broker and the gateway: ordering by versionNumber, duplicates, the keep-alive fallback.</summary>
public sealed class VehicleLifecycleEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task LifecycleEvents_OutOfOrderAndDuplicated_LeaveTheNewestSessionsStatus()
    {
        const string Thing = "car-life-1";
        var connected = $"$aws/events/presence/connected/{Thing}";
        var disconnected = $"$aws/events/presence/disconnected/{Thing}";
        var before = silo.Counters.Handled;

        // Session 2 connected; then late events of session 1, a duplicate of session 2's connect, and session 1's disconnect.
        await PahoDevice.RunAsync(silo.Broker.Port, "publisher-life-1", Plan.Of(
            Plan.Publish(connected, Plan.Lifecycle(Thing, "connected", 2, 2000)),
            Plan.Publish(connected, Plan.Lifecycle(Thing, "connected", 1, 1000)),
            Plan.Publish(connected, Plan.Lifecycle(Thing, "connected", 2, 2000)),
            Plan.Publish(disconnected, Plan.Lifecycle(Thing, "disconnected", 1, 1500, "CONNECTION_LOST"))));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 4, "the gateway to handle 4 lifecycle events");

        var status = await silo.Vehicle(Thing).GetConnectionAsync();
        Assert.True(status.Connected);
        Assert.Equal(2, status.VersionNumber);
        Assert.Equal("session-2", status.SessionIdentifier);

        // Session 2's disconnect applies (equal version, connected -> disconnected), and a repeat of it changes nothing.
        await PahoDevice.RunAsync(silo.Broker.Port, "publisher-life-1", Plan.Of(
            Plan.Publish(disconnected, Plan.Lifecycle(Thing, "disconnected", 2, 3000, "CLIENT_INITIATED_DISCONNECT")),
            Plan.Publish(disconnected, Plan.Lifecycle(Thing, "disconnected", 2, 3500, "SERVER_ERROR")),
            Plan.Publish(connected, Plan.Lifecycle(Thing, "connected", 2, 2000))));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 7, "the gateway to handle 3 more events");

        status = await silo.Vehicle(Thing).GetConnectionAsync();
        Assert.False(status.Connected);
        Assert.Equal(DisconnectReason.ClientInitiatedDisconnect, status.LastDisconnectReason);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(3000), status.Since);
    }

    [Fact]
    public async Task KeepAliveFallback_SilentVehicle_MarkedDisconnectedWithKeepAliveTimeout()
    {
        const string Thing = "car-life-2";
        var before = silo.Counters.Handled;
        await PahoDevice.RunAsync(silo.Broker.Port, "publisher-life-2", Plan.Of(
            Plan.Publish($"$aws/events/presence/connected/{Thing}", Plan.Lifecycle(Thing, "connected", 1, 1000))));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 1, "the connected event");
        Assert.True((await silo.Vehicle(Thing).GetConnectionAsync()).Connected);

        silo.Time.Advance(TimeSpan.FromSeconds(60)); // 1.0 x keep-alive: still connected
        Assert.True((await silo.Vehicle(Thing).GetConnectionAsync()).Connected);

        // Past 1.5 x keep-alive. Reminder ticks re-arm asynchronously, so the clock moves in small steps until the check ran.
        await Poll.UntilAsync(
            async () =>
            {
                silo.Time.Advance(TimeSpan.FromSeconds(5));
                return !(await silo.Vehicle(Thing).GetConnectionAsync()).Connected;
            },
            "the keep-alive check");
        Assert.Equal(DisconnectReason.MqttKeepAliveTimeout, (await silo.Vehicle(Thing).GetConnectionAsync()).LastDisconnectReason);
    }

    [Fact]
    public async Task LifecycleEvent_MalformedOrForAnotherClient_CountedAndTheWorkerKeepsServing()
    {
        const string Thing = "car-life-3";
        var before = silo.Counters.Handled;
        var rejected = silo.Counters.Rejected.GetValueOrDefault("lifecycle-invalid");
        await PahoDevice.RunAsync(silo.Broker.Port, "publisher-life-3", Plan.Of(
            Plan.Publish($"$aws/events/presence/connected/{Thing}", "{oops"),
            Plan.Publish($"$aws/events/presence/connected/{Thing}", Plan.Lifecycle("someone-else", "connected", 5, 1000)),
            Plan.Publish($"$aws/events/presence/connected/{Thing}", Plan.Lifecycle(Thing, "connected", 1, 1000))));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 3, "three events");

        Assert.Equal(rejected + 2, silo.Counters.Rejected["lifecycle-invalid"]);
        Assert.True((await silo.Vehicle(Thing).GetConnectionAsync()).Connected);
    }
}
