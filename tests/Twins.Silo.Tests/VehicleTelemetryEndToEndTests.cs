using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.Telemetry;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>Telemetry through the broker and the gateway into last values and the SQLite sink; bad payloads counted.</summary>
public sealed class VehicleTelemetryEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Telemetry_DuplicatesAndReorders_LastValuesAndSinkHoldEachSampleOnce()
    {
        const string Thing = "car-tel-1";
        var topic = $"twins/vehicles/{Thing}/telemetry";
        var before = silo.Counters.Handled;
        var duplicates = silo.Counters.Duplicates;
        await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Publish(topic, """{"timestamp":1767225600000,"seq":1,"signals":{"speed":50.5,"gear":"D"}}"""),
            Plan.Publish(topic, """{"timestamp":1767225601000,"seq":2,"signals":{"speed":52,"doorsLocked":true}}"""),
            Plan.Publish(topic, """{"timestamp":1767225601000,"seq":2,"signals":{"speed":52,"doorsLocked":true}}"""),
            Plan.Publish(topic, """{"timestamp":1767225600000,"seq":1,"signals":{"speed":50.5,"gear":"D"}}"""),
            Plan.Publish(topic, """{"timestamp":1767225603000,"seq":4,"signals":{"speed":60}}"""),
            Plan.Publish(topic, """{"timestamp":1767225602500,"seq":3,"signals":{"speed":55}}""")));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 6, "six samples");

        // Workers sharing the subscription may reorder this vehicle's samples, so only the newest is certain
        // to be a last value; whatever arrived late still reached the sink.
        var last = await silo.Vehicle(Thing).GetTelemetryAsync();
        Assert.Equal(4, last.LastSeq);
        Assert.Equal(60, last.Signals["speed"].Value.Number);
        Assert.InRange(silo.Counters.Duplicates - duplicates, 2, 5);

        // Every sample once, the late seq 3 included (it is not a last value, but it is a sample).
        var speed = await silo.Sink.QueryAsync(Thing, "speed", DateTimeOffset.FromUnixTimeMilliseconds(1767225600000), DateTimeOffset.FromUnixTimeMilliseconds(1767225604000));
        Assert.Equal([50.5, 52.0, 55.0, 60.0], speed.Select(p => p.Value.Number));
        Assert.Equal([1L, 2L, 3L, 4L], speed.Select(p => p.Seq));
        Assert.Empty(await silo.Sink.QueryAsync(Thing, "speed", DateTimeOffset.FromUnixTimeMilliseconds(1767225604000), DateTimeOffset.FromUnixTimeMilliseconds(1767225609000)));
    }

    [Fact]
    public async Task Telemetry_AfterDeactivation_LastValuesAndSeqDedupeRebuiltFromTheSink()
    {
        const string Thing = "car-tel-restart";
        var topic = $"twins/vehicles/{Thing}/telemetry";
        var before = silo.Counters.Handled;
        await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(
            Plan.Publish(topic, """{"timestamp":1767225600000,"seq":1,"signals":{"speed":40,"gear":"D"}}"""),
            Plan.Publish(topic, """{"timestamp":1767225601000,"seq":2,"signals":{"speed":45,"soc":80}}""")));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 2, "two samples");
        Assert.Equal(2, (await silo.Vehicle(Thing).GetTelemetryAsync()).LastSeq);

        // Fewer samples than a checkpoint interval: the grain store has no last values, only the sink has the samples.
        var vehicle = silo.Vehicle(Thing);
        var grains = silo.App.Services.GetRequiredService<IGrainFactory>();
        Assert.True(await GrainActivations.IsActiveAsync(grains, vehicle));
        await GrainActivations.DeactivateAsync(grains, vehicle);
        Assert.False(await GrainActivations.IsActiveAsync(grains, vehicle));

        var rebuilt = await vehicle.GetTelemetryAsync();
        Assert.Equal(2, rebuilt.LastSeq);
        Assert.Equal(45, rebuilt.Signals["speed"].Value.Number);
        Assert.Equal("D", rebuilt.Signals["gear"].Value.Text);
        Assert.Equal(80, rebuilt.Signals["soc"].Value.Number);

        // The dedupe survived: a redelivered seq 2 is a duplicate, an old seq 1 does not overwrite, seq 3 applies.
        var sample = (long seq, double speed) => new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(1767225600000 + (seq * 1000)), seq, [new TelemetrySignal("speed", TelemetryValue.FromNumber(speed))]);
        Assert.Equal(TelemetrySampleOutcome.Duplicate, await vehicle.RecordTelemetryAsync(sample(2, 99)));
        Assert.Equal(TelemetrySampleOutcome.Stale, await vehicle.RecordTelemetryAsync(sample(1, 98)));
        Assert.Equal(TelemetrySampleOutcome.Accepted, await vehicle.RecordTelemetryAsync(sample(3, 50)));
        Assert.Equal(50, (await vehicle.GetTelemetryAsync()).Signals["speed"].Value.Number);
    }

    [Fact]
    public async Task Telemetry_BadPayloadsAndUnknownTopics_CountedAndOtherVehiclesUnaffected()
    {
        var before = silo.Counters.Handled;
        var invalidJson = silo.Counters.Rejected.GetValueOrDefault($"telemetry-{TelemetryErrorCode.InvalidJson}");
        var invalidField = silo.Counters.Rejected.GetValueOrDefault($"telemetry-{TelemetryErrorCode.InvalidField}");
        await PahoDevice.RunAsync(silo.Broker.Port, "car-tel-bad", Plan.Of(
            Plan.Publish("twins/vehicles/car-tel-bad/telemetry", "{{{"),
            Plan.Publish("twins/vehicles/car-tel-bad/telemetry", """{"timestamp":"yesterday","seq":1,"signals":{}}"""),
            Plan.Publish("twins/vehicles/car-tel-good/telemetry", """{"timestamp":1767225600000,"seq":7,"signals":{"soc":81}}""")));
        await Poll.UntilAsync(() => silo.Counters.Handled >= before + 3, "three messages");

        Assert.Equal(invalidJson + 1, silo.Counters.Rejected[$"telemetry-{TelemetryErrorCode.InvalidJson}"]);
        Assert.Equal(invalidField + 1, silo.Counters.Rejected[$"telemetry-{TelemetryErrorCode.InvalidField}"]);
        Assert.Equal(81, (await silo.Vehicle("car-tel-good").GetTelemetryAsync()).Signals["soc"].Value.Number);
        Assert.Null((await silo.Vehicle("car-tel-bad").GetTelemetryAsync()).LastSeq);
    }
}
