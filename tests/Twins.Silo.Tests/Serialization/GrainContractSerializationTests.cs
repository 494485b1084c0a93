using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Observers;
using Twins.Grains.Telemetry;

namespace Twins.Silo.Tests.Serialization;

/// <summary>
/// The records grains exchange go through the silo's own Orleans serializer (the generated, version-tolerant codecs)
/// and come back equal: what crosses between silos, to a gateway process or to a subscriber, arrives whole.
/// </summary>
public sealed class GrainContractSerializationTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private Serializer Serializer => silo.App.Services.GetRequiredService<Serializer>();

    [Fact]
    public void VehicleChange_WithACommandAndItsJsonResult_RoundTrips()
    {
        using var parameters = JsonDocument.Parse("""{"durationSeconds":30}""");
        using var result = JsonDocument.Parse("""{"ok":true,"doors":["fl","fr"]}""");
        var execution = new CommandExecution("exec-1", "unlock-doors", parameters.RootElement.Clone(), CommandExecutionStatus.Succeeded,
            new CommandStatusReason("DONE", "unlocked"), result.RootElement.Clone(), At, At.AddMinutes(1), At.AddSeconds(3), At.AddSeconds(1), false);
        var change = new VehicleChange("car-1", VehicleChangeKind.Command, null, 7, true, At, execution, At.AddSeconds(3));

        var copy = RoundTrip(change);

        Assert.Equal(change with { Execution = null }, copy with { Execution = null });
        Assert.Equal(execution with { Parameters = null, Result = null }, copy.Execution! with { Parameters = null, Result = null });
        Assert.Equal(result.RootElement.GetRawText(), copy.Execution!.Result!.Value.GetRawText());
        Assert.Equal(30, copy.Execution.Parameters!.Value.GetProperty("durationSeconds").GetInt32());
    }

    [Fact]
    public void TelemetryAndConnection_RoundTrip()
    {
        var sample = new TelemetrySample(At, 42, [new TelemetrySignal("speed", TelemetryValue.FromNumber(88.5)), new TelemetrySignal("gear", TelemetryValue.FromString("D"))]);
        var last = new LastTelemetry(42, At, ImmutableDictionary<string, SignalReading>.Empty.Add("speed", new SignalReading(TelemetryValue.FromNumber(88.5), At, 42)));
        var connection = new ConnectionStatus(true, At, "session-1", "cert-1", "10.0.0.1", DisconnectReason.MqttKeepAliveTimeout, 3, At, false);

        var sampleCopy = RoundTrip(sample);
        Assert.Equal(sample.Signals, sampleCopy.Signals);
        Assert.Equal(sample with { Signals = [] }, sampleCopy with { Signals = [] });
        Assert.Equal(last.Signals["speed"], RoundTrip(last).Signals["speed"]);
        Assert.Equal(connection, RoundTrip(connection));
    }

    [Fact]
    public void CertificateRecords_RoundTrip()
    {
        var info = new CertificateInfo
        {
            CertificateId = "ab12", SerialNumber = "01", CommonName = "Vehicle_1", ThingName = "car-1", Status = "ACTIVE",
            CreatedAt = At, NotBefore = At, NotAfter = At.AddYears(1), HasConnectedOnce = true, FirstConnectedAt = At,
        };
        var rotation = new RotationInfo("rot-1", "MANUAL", "asked", "RequestingCsr", At, At.AddMinutes(5), 1, "ab12", null, null, null, null);

        Assert.Equal(info, RoundTrip(info));
        Assert.Equal(rotation, RoundTrip(rotation));
        var reply = RoundTrip(new ProvisioningReply(true, [1, 2, 3], null));
        Assert.Equal([1, 2, 3], reply.Payload);
    }

    private T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
