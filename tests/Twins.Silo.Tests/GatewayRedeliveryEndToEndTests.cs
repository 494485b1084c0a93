using Twins.Grains.Routing;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>At-least-once: a worker that dies after the grain accepted a message but before its PUBACK gets it again from the broker, and nothing changes.</summary>
public sealed class GatewayRedeliveryEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task WorkerKilledBeforeAck_BrokerRedelivers_ShadowUpdateAppliedOnce()
    {
        const string Thing = "car-redeliver-1";
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var worker in silo.Gateway.Workers)
        {
            var index = worker.Index;
            worker.BeforeAcknowledgeAsync = message =>
                message.Topic.Contains(Thing, StringComparison.Ordinal) && held.TrySetResult(index)
                    ? new TaskCompletionSource().Task // never acknowledges: the worker "dies" here
                    : Task.CompletedTask;
        }

        var duplicates = silo.Counters.Duplicates;
        await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Publish($"$aws/things/{Thing}/shadow/update", """{"state":{"reported":{"odometer":1200}},"clientToken":"once"}""")));
        var victim = await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await silo.Vehicle(Thing).GetShadowAsync(null)).Version);

        await silo.Gateway.CrashAndRestartWorkerAsync(victim);

        await Poll.UntilAsync(() => silo.Counters.Duplicates == duplicates + 1, "the broker's redelivery to the restarted worker");
        var shadow = await silo.Vehicle(Thing).GetShadowAsync(null);
        Assert.Equal(1, shadow.Version);
        Assert.Contains("1200", shadow.Document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShadowUpdate_RetriedWithSameClientToken_AnsweredAcceptedAgainAndAppliedOnce()
    {
        // A silo that dies after writing an update but before its answer leaves the vehicle retrying with the same
        // clientToken, and by then the expected version has moved on: the retry is answered as the first delivery was.
        const string Thing = "car-redeliver-2";
        const string Update = """{"state":{"reported":{"odometer":1300}},"version":0,"clientToken":"retry-1"}""";
        var received = await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Subscribe($"$aws/things/{Thing}/shadow/update/accepted"),
            Plan.Publish($"$aws/things/{Thing}/shadow/update", Update),
            Plan.Expect(1),
            Plan.Publish($"$aws/things/{Thing}/shadow/update", Update),
            Plan.Expect(2)));

        Assert.All(received, m => Assert.Equal($"$aws/things/{Thing}/shadow/update/accepted", m.Topic));
        Assert.Equal(received[0].Json.ToJsonString(), received[1].Json.ToJsonString());
        Assert.Equal(1, (long)received[1].Json["version"]!);
        Assert.Equal("retry-1", (string?)received[1].Json["clientToken"]);
        Assert.Equal(1, (await silo.Vehicle(Thing).GetShadowAsync(null)).Version);
    }
}
