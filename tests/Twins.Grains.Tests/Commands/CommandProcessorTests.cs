using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Commands;

namespace Twins.Grains.Tests.Commands;

public sealed class CommandProcessorTests
{
    private const string Thing = "Vehicle_WVW1";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = T0.AddMinutes(5);
    private readonly CommandProcessor _processor = new();

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static JsonObject Json(ReadOnlyMemory<byte> payload) => JsonNode.Parse(payload.Span)!.AsObject();

    private CommandLedger Sent(string executionId = "e1")
    {
        return _processor.Create(CommandLedger.Empty, Thing, executionId, "unlock", new JsonObject { ["door"] = "driver" }, Deadline, vehicleConnected: true, T0).Ledger;
    }

    private CommandStep Respond(CommandLedger ledger, string json, DateTimeOffset? at = null, string executionId = "e1") =>
        _processor.OnResponse(ledger, Thing, executionId, Utf8(json), at ?? T0.AddSeconds(1));

    [Fact]
    public void Create_Connected_SendsRequestWithMqtt5Properties()
    {
        var step = _processor.Create(CommandLedger.Empty, Thing, "e1", "unlock", new JsonObject { ["door"] = "driver" }, Deadline, vehicleConnected: true, T0.AddMilliseconds(500));

        Assert.True(step.Changed);
        Assert.False(step.WakeUpRequested);
        var request = Assert.Single(step.Requests);
        Assert.Equal("$aws/commands/things/Vehicle_WVW1/executions/e1/request/json", request.Topic);
        Assert.Equal("$aws/commands/things/Vehicle_WVW1/executions/e1/response/json", request.ResponseTopic);
        Assert.Equal("e1", Encoding.UTF8.GetString(request.CorrelationData.Span));
        Assert.Equal(300u, request.MessageExpiryInterval);
        Assert.Equal(1, CommandRequestMessage.QualityOfService);
        var payload = Json(request.Payload);
        Assert.Equal("e1", (string)payload["executionId"]!);
        Assert.Equal("unlock", (string)payload["command"]!);
        Assert.Equal("driver", (string)payload["parameters"]!["door"]!);
        Assert.Equal(Deadline.ToUnixTimeMilliseconds(), (long)payload["deadline"]!);
        Assert.Equal(CommandExecutionStatus.Created, step.Ledger.Find("e1")!.Status);
    }

    [Fact]
    public void Create_Connected_PublishesCreatedEvent()
    {
        var step = _processor.Create(CommandLedger.Empty, Thing, "e1", "unlock", null, Deadline, vehicleConnected: true, T0);

        var created = Assert.Single(step.Events);
        Assert.Equal("$aws/events/commandExecution/unlock/CREATED", created.Topic);
        var payload = Json(created.Payload);
        Assert.Equal("e1", (string)payload["executionId"]!);
        Assert.Equal("CREATED", (string)payload["status"]!);
        Assert.Equal("COMMAND_EXECUTION", (string)payload["eventType"]!);
        Assert.Equal("arn:aws:iot:local:000000000000:thing/Vehicle_WVW1", (string)payload["targetArn"]!);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), (long)payload["timestamp"]!);
        Assert.Equal("{}", Json(Assert.Single(step.Requests).Payload)["parameters"]!.ToJsonString());
    }

    [Fact]
    public void Create_Offline_QueuesAndRequestsWakeUpWithoutSending()
    {
        var step = _processor.Create(CommandLedger.Empty, Thing, "e1", "unlock", null, Deadline, vehicleConnected: false, T0);

        Assert.Empty(step.Requests);
        Assert.True(step.WakeUpRequested);
        Assert.Equal(CommandExecutionStatus.Queued, step.Ledger.Find("e1")!.Status);
        Assert.Equal("$aws/events/commandExecution/unlock/QUEUED", Assert.Single(step.Events).Topic);
        Assert.Equal(Deadline, step.Ledger.NextDeadline);
    }

    [Fact]
    public void Create_SameExecutionIdAgain_ChangesNothing()
    {
        var ledger = Sent();

        var step = _processor.Create(ledger, Thing, "e1", "lock", null, Deadline, vehicleConnected: true, T0);

        Assert.False(step.Changed);
        Assert.Same(ledger, step.Ledger);
        Assert.Empty(step.Requests);
        Assert.Equal("unlock", step.Ledger.Find("e1")!.Command);
    }

    [Fact]
    public void Create_DeadlineAlreadyPassed_EndsTimedOutWithoutSending()
    {
        var step = _processor.Create(CommandLedger.Empty, Thing, "e1", "unlock", null, T0, vehicleConnected: true, T0);

        Assert.Empty(step.Requests);
        Assert.Equal(CommandExecutionStatus.TimedOut, step.Ledger.Find("e1")!.Status);
        Assert.True(step.Ledger.Find("e1")!.IsFinal);
    }

    [Theory]
    [InlineData("bad/id")]
    [InlineData("")]
    [InlineData("a+b")]
    public void Create_InvalidExecutionId_IsRefused(string executionId)
    {
        var step = _processor.Create(CommandLedger.Empty, Thing, executionId, "unlock", null, Deadline, vehicleConnected: true, T0);

        Assert.False(step.Changed);
        Assert.NotNull(step.Error);
        Assert.Empty(step.Ledger.Executions);
    }

    [Fact]
    public void OnConnected_QueuedBeforeDeadline_IsDeliveredWithSecondsLeft()
    {
        var queued = _processor.Create(CommandLedger.Empty, Thing, "e1", "unlock", null, Deadline, vehicleConnected: false, T0).Ledger;

        var step = _processor.OnConnected(queued, Thing, T0.AddMinutes(4).AddMilliseconds(100));

        var request = Assert.Single(step.Requests);
        Assert.Equal(60u, request.MessageExpiryInterval);
        Assert.Equal(CommandExecutionStatus.Created, step.Ledger.Find("e1")!.Status);
        Assert.Equal("$aws/events/commandExecution/unlock/CREATED", Assert.Single(step.Events).Topic);
    }

    [Fact]
    public void OnConnected_QueuedPastDeadline_EndsTimedOutWithoutBeingSent()
    {
        var queued = _processor.Create(CommandLedger.Empty, Thing, "e1", "unlock", null, Deadline, vehicleConnected: false, T0).Ledger;

        var step = _processor.OnConnected(queued, Thing, Deadline.AddSeconds(1));

        Assert.Empty(step.Requests);
        var execution = step.Ledger.Find("e1")!;
        Assert.Equal(CommandExecutionStatus.TimedOut, execution.Status);
        Assert.Null(execution.DeliveredAt);
        Assert.True(execution.IsFinal);
        Assert.Equal("$NOT_DELIVERED", execution.StatusReason!.ReasonCode);
        Assert.Equal("$aws/events/commandExecution/unlock/TIMED_OUT", Assert.Single(step.Events).Topic);
    }

    [Fact]
    public void OnConnected_NothingQueued_ChangesNothing()
    {
        var ledger = Sent();

        var step = _processor.OnConnected(ledger, Thing, T0);

        Assert.False(step.Changed);
        Assert.Empty(step.Requests);
    }

    [Fact]
    public void OnResponse_InProgressThenSucceeded_MovesThroughTheStates()
    {
        var ledger = Sent();

        var inProgress = Respond(ledger, """{"status":"IN_PROGRESS"}""");
        var succeeded = Respond(inProgress.Ledger, """{"status":"SUCCEEDED","statusReason":{"reasonCode":"OK","reasonDescription":"unlocked"},"result":{"latch":"open"}}""", T0.AddSeconds(2));

        Assert.Equal(CommandResponseOutcome.Applied, inProgress.ResponseOutcome);
        Assert.Equal("$aws/events/commandExecution/unlock/IN_PROGRESS", Assert.Single(inProgress.Events).Topic);
        var execution = succeeded.Ledger.Find("e1")!;
        Assert.Equal(CommandExecutionStatus.Succeeded, execution.Status);
        Assert.Equal("open", execution.Result!.Value.GetProperty("latch").GetString());
        Assert.True(execution.IsFinal);
        var evt = Json(Assert.Single(succeeded.Events).Payload);
        Assert.Equal("SUCCEEDED", (string)evt["status"]!);
        Assert.Equal("OK", (string)evt["statusReason"]!["reasonCode"]!);
        Assert.Equal("unlocked", (string)evt["statusReason"]!["reasonDescription"]!);
    }

    [Theory]
    [InlineData("FAILED", CommandExecutionStatus.Failed)]
    [InlineData("REJECTED", CommandExecutionStatus.Rejected)]
    [InlineData("TIMED_OUT", CommandExecutionStatus.TimedOut)]
    public void OnResponse_TerminalFromCreated_IsApplied(string status, CommandExecutionStatus expected)
    {
        var step = Respond(Sent(), $$"""{"status":"{{status}}"}""");

        Assert.Equal(expected, step.Ledger.Find("e1")!.Status);
        Assert.True(step.Ledger.Find("e1")!.IsFinal);
    }

    [Fact]
    public void OnResponse_RepeatedResult_IsDuplicateAndChangesNothing()
    {
        var done = Respond(Sent(), """{"status":"SUCCEEDED"}""").Ledger;

        var again = Respond(done, """{"status":"SUCCEEDED"}""");

        Assert.Equal(CommandResponseOutcome.Duplicate, again.ResponseOutcome);
        Assert.False(again.Changed);
        Assert.Same(done, again.Ledger);
        Assert.Empty(again.Events);
    }

    [Theory]
    [InlineData("IN_PROGRESS")]
    [InlineData("FAILED")]
    [InlineData("TIMED_OUT")]
    public void OnResponse_AfterFinalResult_IsStaleAndNeverMovesIt(string status)
    {
        var done = Respond(Sent(), """{"status":"SUCCEEDED"}""").Ledger;

        var late = Respond(done, $$"""{"status":"{{status}}"}""");

        Assert.Equal(CommandResponseOutcome.Stale, late.ResponseOutcome);
        Assert.Equal(CommandExecutionStatus.Succeeded, late.Ledger.Find("e1")!.Status);
    }

    [Fact]
    public void OnResponse_RepeatedInProgress_IsDuplicate()
    {
        var inProgress = Respond(Sent(), """{"status":"IN_PROGRESS"}""").Ledger;

        Assert.Equal(CommandResponseOutcome.Duplicate, Respond(inProgress, """{"status":"IN_PROGRESS"}""").ResponseOutcome);
    }

    [Fact]
    public void OnDeadline_OpenExecution_TimesOutFromTheCloud()
    {
        var inProgress = Respond(Sent(), """{"status":"IN_PROGRESS"}""").Ledger;

        var early = _processor.OnDeadline(inProgress, Thing, Deadline.AddSeconds(-1));
        var step = _processor.OnDeadline(inProgress, Thing, Deadline);

        Assert.False(early.Changed);
        var execution = step.Ledger.Find("e1")!;
        Assert.Equal(CommandExecutionStatus.TimedOut, execution.Status);
        Assert.True(execution.TimedOutByCloud);
        Assert.False(execution.IsFinal);
        Assert.Equal("$NO_RESPONSE_FROM_DEVICE", execution.StatusReason!.ReasonCode);
        Assert.Equal("$aws/events/commandExecution/unlock/TIMED_OUT", Assert.Single(step.Events).Topic);
        Assert.Null(step.Ledger.NextDeadline);
    }

    [Fact]
    public void OnResponse_LateResultAfterCloudTimeout_IsApplied()
    {
        var timedOut = _processor.OnDeadline(Sent(), Thing, Deadline).Ledger;

        var late = Respond(timedOut, """{"status":"SUCCEEDED","result":{"ok":true}}""", Deadline.AddMinutes(2));

        Assert.Equal(CommandResponseOutcome.Applied, late.ResponseOutcome);
        var execution = late.Ledger.Find("e1")!;
        Assert.Equal(CommandExecutionStatus.Succeeded, execution.Status);
        Assert.False(execution.TimedOutByCloud);
        Assert.True(execution.IsFinal);
        Assert.Equal("$aws/events/commandExecution/unlock/SUCCEEDED", Assert.Single(late.Events).Topic);
    }

    [Fact]
    public void OnResponse_InProgressAfterCloudTimeout_IsStale()
    {
        var timedOut = _processor.OnDeadline(Sent(), Thing, Deadline).Ledger;

        var step = Respond(timedOut, """{"status":"IN_PROGRESS"}""", Deadline.AddSeconds(1));

        Assert.Equal(CommandResponseOutcome.Stale, step.ResponseOutcome);
        Assert.Equal(CommandExecutionStatus.TimedOut, step.Ledger.Find("e1")!.Status);
    }

    [Fact]
    public void OnResponse_DeviceTimedOut_IsFinal()
    {
        var deviceTimedOut = Respond(Sent(), """{"status":"TIMED_OUT"}""").Ledger;

        var late = Respond(deviceTimedOut, """{"status":"SUCCEEDED"}""");

        Assert.Equal(CommandResponseOutcome.Stale, late.ResponseOutcome);
        Assert.Equal(CommandExecutionStatus.TimedOut, late.Ledger.Find("e1")!.Status);
    }

    [Fact]
    public void OnResponse_UnknownExecution_IsReported()
    {
        var step = Respond(Sent(), """{"status":"SUCCEEDED"}""", executionId: "nope");

        Assert.Equal(CommandResponseOutcome.UnknownExecution, step.ResponseOutcome);
        Assert.False(step.Changed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"status":"DONE"}""")]
    [InlineData("""{"status":"CREATED"}""")]
    [InlineData("""{"status":"QUEUED"}""")]
    [InlineData("""{"status":1}""")]
    [InlineData("""{}""")]
    [InlineData("""{"status":"SUCCEEDED","statusReason":{"reasonCode":"lower"}}""")]
    [InlineData("""{"status":"SUCCEEDED","statusReason":"x"}""")]
    [InlineData("""{"status":"SUCCEEDED","result":[1]}""")]
    public void OnResponse_InvalidPayload_IsRejectedWithAReason(string payload)
    {
        var ledger = Sent();

        var step = Respond(ledger, payload);

        Assert.Equal(CommandResponseOutcome.Invalid, step.ResponseOutcome);
        Assert.False(string.IsNullOrEmpty(step.Error));
        Assert.Same(ledger, step.Ledger);
    }

    [Fact]
    public void History_BeyondLimit_DropsOldestFinishedAndKeepsOpenOnes()
    {
        var processor = new CommandProcessor(new CommandOptions { HistoryLimit = 3 });
        var ledger = processor.Create(CommandLedger.Empty, Thing, "open", "unlock", null, Deadline, true, T0).Ledger;
        for (var i = 0; i < 5; i++)
        {
            ledger = processor.Create(ledger, Thing, $"done{i}", "unlock", null, Deadline, true, T0).Ledger;
            ledger = processor.OnResponse(ledger, Thing, $"done{i}", Utf8("""{"status":"SUCCEEDED"}"""), T0).Ledger;
        }

        Assert.Equal(["open", "done3", "done4"], ledger.Executions.Select(e => e.ExecutionId));
    }

    [Fact]
    public void RequestFor_OpenSentExecution_RebuildsRequestWithRemainingExpiry()
    {
        var ledger = Sent();

        var request = _processor.RequestFor(Thing, ledger.Find("e1")!, T0.AddMinutes(3));

        Assert.Equal(120u, request!.MessageExpiryInterval);
        Assert.Null(_processor.RequestFor(Thing, ledger.Find("e1")!, Deadline));
    }

    [Fact]
    public void Ledger_RoundTripsThroughJson()
    {
        var ledger = Respond(Sent(), """{"status":"SUCCEEDED","result":{"x":[1,2]}}""").Ledger;

        var json = System.Text.Json.JsonSerializer.Serialize(ledger);
        var restored = System.Text.Json.JsonSerializer.Deserialize<CommandLedger>(json)!;

        var execution = restored.Find("e1")!;
        Assert.Equal(CommandExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(2, execution.Result!.Value.GetProperty("x").GetArrayLength());
        Assert.Equal("driver", execution.Parameters!.Value.GetProperty("door").GetString());
    }

    private CommandLedger Queued(string executionId = "e1") =>
        _processor.Create(CommandLedger.Empty, Thing, executionId, "unlock", null, Deadline, vehicleConnected: false, T0).Ledger;

    [Fact]
    public void Cancel_Queued_EndsCanceledAndPublishesCanceledEvent()
    {
        var step = _processor.Cancel(Queued(), Thing, "e1", T0.AddSeconds(10));

        Assert.True(step.Changed);
        Assert.Equal(CommandCancelOutcome.Canceled, step.CancelOutcome);
        Assert.Empty(step.Requests);
        var execution = step.Ledger.Find("e1")!;
        Assert.Equal(CommandExecutionStatus.Canceled, execution.Status);
        Assert.True(execution.IsFinal);
        Assert.Null(execution.DeliveredAt);
        Assert.Equal(T0.AddSeconds(10), execution.UpdatedAt);
        var canceled = Assert.Single(step.Events);
        Assert.Equal("$aws/events/commandExecution/unlock/CANCELED", canceled.Topic);
        var payload = Json(canceled.Payload);
        Assert.Equal("CANCELED", (string)payload["status"]!);
        Assert.Equal("$CANCELED", (string)payload["statusReason"]!["reasonCode"]!);
        Assert.Equal(T0.AddSeconds(10).ToUnixTimeMilliseconds(), (long)payload["timestamp"]!);
    }

    [Fact]
    public void Cancel_Canceled_SucceedsAgainWithoutChange()
    {
        var ledger = _processor.Cancel(Queued(), Thing, "e1", T0.AddSeconds(10)).Ledger;

        var again = _processor.Cancel(ledger, Thing, "e1", T0.AddSeconds(20));

        Assert.False(again.Changed);
        Assert.Equal(CommandCancelOutcome.Canceled, again.CancelOutcome);
        Assert.Same(ledger, again.Ledger);
        Assert.Empty(again.Events);
        Assert.Equal(T0.AddSeconds(10), again.Ledger.Find("e1")!.UpdatedAt);
    }

    [Fact]
    public void Cancel_Sent_IsNotCancelableAndStaysCreated()
    {
        var ledger = Sent();

        var step = _processor.Cancel(ledger, Thing, "e1", T0.AddSeconds(1));

        Assert.False(step.Changed);
        Assert.Equal(CommandCancelOutcome.NotCancelable, step.CancelOutcome);
        Assert.Contains("CREATED", step.Error, StringComparison.Ordinal);
        Assert.Equal(CommandExecutionStatus.Created, step.Ledger.Find("e1")!.Status);
        Assert.Empty(step.Events);
    }

    [Fact]
    public void Cancel_InProgressOrTerminal_IsNotCancelable()
    {
        var inProgress = Respond(Sent(), """{"status":"IN_PROGRESS"}""").Ledger;
        var succeeded = Respond(Sent(), """{"status":"SUCCEEDED"}""").Ledger;

        Assert.Equal(CommandCancelOutcome.NotCancelable, _processor.Cancel(inProgress, Thing, "e1", T0.AddSeconds(2)).CancelOutcome);
        Assert.Equal(CommandCancelOutcome.NotCancelable, _processor.Cancel(succeeded, Thing, "e1", T0.AddSeconds(2)).CancelOutcome);
        Assert.Equal(CommandExecutionStatus.Succeeded, _processor.Cancel(succeeded, Thing, "e1", T0.AddSeconds(2)).Ledger.Find("e1")!.Status);
    }

    [Fact]
    public void Cancel_UnknownExecution_IsNotFound()
    {
        var step = _processor.Cancel(Queued(), Thing, "other", T0);

        Assert.Equal(CommandCancelOutcome.NotFound, step.CancelOutcome);
        Assert.False(step.Changed);
    }

    [Fact]
    public void Canceled_IsNeverDeliveredOnConnectAndHasNoDeadline()
    {
        var ledger = _processor.Cancel(Queued(), Thing, "e1", T0.AddSeconds(10)).Ledger;

        Assert.Null(ledger.NextDeadline);
        var connected = _processor.OnConnected(ledger, Thing, T0.AddSeconds(20));
        Assert.False(connected.Changed);
        Assert.Empty(connected.Requests);
        var deadline = _processor.OnDeadline(ledger, Thing, Deadline.AddSeconds(1));
        Assert.False(deadline.Changed);
        Assert.Equal(CommandExecutionStatus.Canceled, deadline.Ledger.Find("e1")!.Status);
    }

    [Fact]
    public void OnResponse_Canceled_IsIgnoredAsStale()
    {
        var ledger = _processor.Cancel(Queued(), Thing, "e1", T0.AddSeconds(10)).Ledger;

        var step = Respond(ledger, """{"status":"SUCCEEDED"}""", T0.AddSeconds(20));

        Assert.Equal(CommandResponseOutcome.Stale, step.ResponseOutcome);
        Assert.False(step.Changed);
        Assert.Equal(CommandExecutionStatus.Canceled, step.Ledger.Find("e1")!.Status);
    }
}
