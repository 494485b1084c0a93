using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.Commands;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>Commands through the grains, the gateway and a paho-mqtt vehicle: delivery, queueing, expiry, late results.</summary>
public sealed class VehicleCommandEndToEndTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static string Requests(string thing) => $"$aws/commands/things/{thing}/executions/+/request/json";

    [Fact]
    public async Task SendCommand_ConnectedVehicle_RequestCarriesExpiryResponseTopicAndCorrelationThenSucceeds()
    {
        const string Thing = "car-cmd-1";
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(Plan.Subscribe(Requests(Thing)), Plan.Connected(1), Plan.Respond("SUCCEEDED")));
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetConnectionAsync()).Connected, "the vehicle's connected event");

        var sent = await silo.Vehicle(Thing).SendCommandAsync(new CommandRequest("exec-1", "unlock", """{"door":"driver"}""", silo.Time.GetUtcNow().AddSeconds(120)));
        Assert.Equal(CommandExecutionStatus.Created, sent.Execution!.Status);

        var received = await device;
        var request = Assert.Single(received);
        Assert.Equal($"$aws/commands/things/{Thing}/executions/exec-1/request/json", request.Topic);
        Assert.Equal($"$aws/commands/things/{Thing}/executions/exec-1/response/json", request.ResponseTopic);
        Assert.Equal("exec-1", request.Correlation);
        Assert.InRange(request.Expiry!.Value, 100, 120);
        Assert.Equal("unlock", (string?)request.Json["command"]);
        Assert.Equal("driver", (string?)request.Json["parameters"]!["door"]);
        await Poll.UntilAsync(async () => (await silo.Vehicle(Thing).GetCommandAsync("exec-1"))!.Status == CommandExecutionStatus.Succeeded, "the vehicle's result");
        Assert.True((await silo.Vehicle(Thing).GetCommandAsync("exec-1"))!.Result!.Value.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task SendCommand_OfflineVehicle_QueuedDeliveredOnConnect_AndAnExpiredOneTimesOutUnsent()
    {
        const string Thing = "car-cmd-2";
        var vehicle = silo.Vehicle(Thing);
        var now = silo.Time.GetUtcNow();
        var early = await vehicle.SendCommandAsync(new CommandRequest("exec-short", "honk", null, now.AddSeconds(10)));
        var late = await vehicle.SendCommandAsync(new CommandRequest("exec-long", "unlock", null, now.AddMinutes(10)));
        Assert.Equal(CommandExecutionStatus.Queued, early.Execution!.Status);
        Assert.Equal(CommandExecutionStatus.Queued, late.Execution!.Status);

        silo.Time.Advance(TimeSpan.FromSeconds(11)); // the short one's deadline passes while the vehicle is offline
        await Poll.AdvancingUntilAsync(silo.Time, async () => (await vehicle.GetCommandAsync("exec-short"))!.Status == CommandExecutionStatus.TimedOut, "the deadline reminder");
        Assert.Equal("$NOT_DELIVERED", (await vehicle.GetCommandAsync("exec-short"))!.StatusReason!.ReasonCode);

        var received = await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(Plan.Subscribe(Requests(Thing)), Plan.Connected(1), Plan.Respond("SUCCEEDED")));

        var request = Assert.Single(received);
        Assert.Equal("exec-long", request.Correlation);
        await Poll.UntilAsync(async () => (await vehicle.GetCommandAsync("exec-long"))!.Status == CommandExecutionStatus.Succeeded, "the queued command's result");
        Assert.Equal(CommandExecutionStatus.TimedOut, (await vehicle.GetCommandAsync("exec-short"))!.Status);
    }

    [Fact]
    public async Task CancelCommand_Queued_PersistedBeforeAnswering_SurvivesReactivationAndItsDeadline()
    {
        const string Thing = "car-cmd-cancel";
        var vehicle = silo.Vehicle(Thing);
        await vehicle.SendCommandAsync(new CommandRequest("exec-cancel", "honk", null, silo.Time.GetUtcNow().AddSeconds(30)));

        var canceled = await vehicle.CancelCommandAsync("exec-cancel");
        Assert.Equal(CommandCancelOutcome.Canceled, canceled.Outcome);
        Assert.Equal(CommandExecutionStatus.Canceled, canceled.Execution!.Status);

        await GrainActivations.DeactivateAsync(silo.App.Services.GetRequiredService<IGrainFactory>(), vehicle);
        Assert.Equal(CommandExecutionStatus.Canceled, (await vehicle.GetCommandAsync("exec-cancel"))!.Status);
        Assert.Equal(CommandCancelOutcome.Canceled, (await vehicle.CancelCommandAsync("exec-cancel")).Outcome);

        silo.Time.Advance(TimeSpan.FromSeconds(31)); // past its deadline: nothing is left to time out
        var after = (await vehicle.GetCommandAsync("exec-cancel"))!;
        Assert.Equal(CommandExecutionStatus.Canceled, after.Status);
        Assert.Equal("$CANCELED", after.StatusReason!.ReasonCode);
        Assert.Equal(CommandCancelOutcome.NotFound, (await vehicle.CancelCommandAsync("no-such")).Outcome);
    }

    [Fact]
    public async Task DeviceResult_AfterCloudTimedOut_IsApplied()
    {
        const string Thing = "car-cmd-3";
        var vehicle = silo.Vehicle(Thing);
        var device = PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(Plan.Subscribe(Requests(Thing)), Plan.Connected(1), Plan.Expect(1)));
        await Poll.UntilAsync(async () => (await vehicle.GetConnectionAsync()).Connected, "the vehicle's connected event");
        await vehicle.SendCommandAsync(new CommandRequest("exec-slow", "update-firmware", null, silo.Time.GetUtcNow().AddSeconds(30)));
        var request = Assert.Single(await device);

        silo.Time.Advance(TimeSpan.FromSeconds(31));
        await Poll.AdvancingUntilAsync(silo.Time, async () => (await vehicle.GetCommandAsync("exec-slow"))!.Status == CommandExecutionStatus.TimedOut, "the cloud-side timeout");
        Assert.Equal("$NO_RESPONSE_FROM_DEVICE", (await vehicle.GetCommandAsync("exec-slow"))!.StatusReason!.ReasonCode);

        await PahoDevice.RunAsync(silo.Broker.Port, Thing + "-late", Plan.Of(Plan.Publish(request.ResponseTopic!, """{"status":"FAILED","statusReason":{"reasonCode":"LOW_BATTERY"}}""")));

        await Poll.UntilAsync(async () => (await vehicle.GetCommandAsync("exec-slow"))!.Status == CommandExecutionStatus.Failed, "the late result");
        Assert.Equal("LOW_BATTERY", (await vehicle.GetCommandAsync("exec-slow"))!.StatusReason!.ReasonCode);
    }

    [Fact]
    public async Task CommandResponse_UnknownExecution_CountedNotApplied()
    {
        const string Thing = "car-cmd-4";
        var before = silo.Counters.Rejected.GetValueOrDefault("command-unknown-execution");
        await PahoDevice.RunAsync(silo.Broker.Port, Thing, Plan.Of(Plan.Publish($"$aws/commands/things/{Thing}/executions/nope/response/json", """{"status":"SUCCEEDED"}""")));

        await Poll.UntilAsync(() => silo.Counters.Rejected.GetValueOrDefault("command-unknown-execution") == before + 1, "the rejection");
        Assert.Empty(await silo.Vehicle(Thing).GetCommandsAsync());
    }
}
