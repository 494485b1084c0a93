using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.Internal;
using Twins.Grains.Routing;

namespace Twins.Grains.Commands;

/// <summary>
/// The command execution state machine: CREATED → (QUEUED while offline) → IN_PROGRESS →
/// SUCCEEDED | FAILED | REJECTED | TIMED_OUT, or QUEUED → CANCELED (Twins) on request. A cloud-side TIMED_OUT at the deadline is not final for a
/// command that was sent; a device-sent TIMED_OUT is. Repeated or stale responses change nothing and
/// never move a terminal status. Expiry is enforced here, not only by the broker: a queued command
/// whose deadline passed ends TIMED_OUT without being sent. Stateless; the grain keeps the
/// <see cref="CommandLedger"/>, persists it when <see cref="CommandStep.Changed"/>, then publishes.
/// </summary>
public sealed class CommandProcessor
{
    private readonly CommandOptions _options;
    private readonly TopicBuilder _topics;

    /// <summary>Creates a processor with the given settings and topic prefixes.</summary>
    public CommandProcessor(CommandOptions? options = null, TopicBuilder? topics = null)
    {
        _options = options ?? CommandOptions.Default;
        _topics = topics ?? new TopicBuilder();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.HistoryLimit, 1);
    }

    /// <summary>
    /// Creates an execution: sent at once to a connected vehicle (CREATED), queued for an offline one
    /// (QUEUED, wake-up requested), or TIMED_OUT unsent if the deadline has already passed. Creating an
    /// execution id that exists changes nothing (idempotent retries).
    /// </summary>
    public CommandStep Create(CommandLedger ledger, string thingName, string executionId, string command, JsonObject? parameters, DateTimeOffset deadline, bool vehicleConnected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (!TopicNames.IsValidExecutionId(executionId))
        {
            return new CommandStep(ledger, [], [], false) { Error = "executionId must be 1-64 of [a-zA-Z0-9:_-]." };
        }

        if (command.AsSpan().IndexOfAny('/', '+', '#') >= 0)
        {
            return new CommandStep(ledger, [], [], false) { Error = "command must not contain '/', '+' or '#'." };
        }

        if (ledger.Find(executionId) is not null)
        {
            return new CommandStep(ledger, [], [], false);
        }

        var execution = new CommandExecution(
            executionId,
            command,
            parameters is null ? null : JsonUtf8.ToElement(parameters),
            CommandExecutionStatus.Created,
            null,
            null,
            now,
            deadline,
            now,
            null,
            false);

        if (deadline <= now)
        {
            execution = TimeOut(execution, now);
            return Changed(ledger.Put(execution, _options.HistoryLimit), thingName, [], [execution], false);
        }

        if (!vehicleConnected)
        {
            execution = execution with { Status = CommandExecutionStatus.Queued };
            return Changed(ledger.Put(execution, _options.HistoryLimit), thingName, [], [execution], wakeUp: true);
        }

        execution = execution with { DeliveredAt = now };
        return Changed(ledger.Put(execution, _options.HistoryLimit), thingName, [Request(thingName, execution, now)], [execution], false);
    }

    /// <summary>
    /// The vehicle connected: every queued execution is sent if its deadline has not passed
    /// (→ CREATED), otherwise it ends TIMED_OUT without being sent.
    /// </summary>
    public CommandStep OnConnected(CommandLedger ledger, string thingName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var requests = new List<CommandRequestMessage>();
        var changed = new List<CommandExecution>();
        foreach (var queued in ledger.Queued.ToList())
        {
            CommandExecution next;
            if (queued.Deadline <= now)
            {
                next = TimeOut(queued, now);
            }
            else
            {
                next = queued with { Status = CommandExecutionStatus.Created, DeliveredAt = now, UpdatedAt = now };
                requests.Add(Request(thingName, next, now));
            }

            ledger = ledger.Put(next, _options.HistoryLimit);
            changed.Add(next);
        }

        return changed.Count == 0 ? new CommandStep(ledger, [], [], false) : Changed(ledger, thingName, requests, changed, false);
    }

    /// <summary>
    /// Deadline check (the grain's reminder at <see cref="CommandLedger.NextDeadline"/>): every open
    /// execution whose deadline has passed becomes TIMED_OUT. For a sent one this is not final.
    /// </summary>
    public CommandStep OnDeadline(CommandLedger ledger, string thingName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var changed = new List<CommandExecution>();
        foreach (var open in ledger.Executions.Where(e => !e.IsTerminal && e.Deadline <= now).ToList())
        {
            var next = TimeOut(open, now);
            ledger = ledger.Put(next, _options.HistoryLimit);
            changed.Add(next);
        }

        return changed.Count == 0 ? new CommandStep(ledger, [], [], false) : Changed(ledger, thingName, [], changed, false);
    }

    /// <summary>
    /// Cancels a QUEUED execution: it ends CANCELED, is never sent and a CANCELED event is published. An
    /// execution already sent (CREATED, IN_PROGRESS) cannot be recalled under the commands contract, and a
    /// terminal one has ended: both are <see cref="CommandCancelOutcome.NotCancelable"/> and unchanged.
    /// Canceling a CANCELED execution again succeeds without a change (idempotent retries).
    /// </summary>
    public CommandStep Cancel(CommandLedger ledger, string thingName, string executionId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var current = ledger.Find(executionId);
        if (current is null)
        {
            return new CommandStep(ledger, [], [], false) { CancelOutcome = CommandCancelOutcome.NotFound, Error = $"No execution '{executionId}' for this vehicle." };
        }

        switch (current.Status)
        {
            case CommandExecutionStatus.Canceled:
                return new CommandStep(ledger, [], [], false) { CancelOutcome = CommandCancelOutcome.Canceled };
            case CommandExecutionStatus.Queued:
                var next = current with { Status = CommandExecutionStatus.Canceled, StatusReason = CommandStatusReason.Canceled, UpdatedAt = now };
                return Changed(ledger.Put(next, _options.HistoryLimit), thingName, [], [next], false) with { CancelOutcome = CommandCancelOutcome.Canceled };
            default:
                var why = current.IsTerminal ? "has ended" : "was already sent to the vehicle and cannot be recalled";
                return new CommandStep(ledger, [], [], false)
                {
                    CancelOutcome = CommandCancelOutcome.NotCancelable,
                    Error = $"Execution '{executionId}' is {current.Status.ToWireName()}: it {why}.",
                };
        }
    }

    /// <summary>Applies a vehicle's response payload to the execution it names.</summary>
    public CommandStep OnResponse(CommandLedger ledger, string thingName, string executionId, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var current = ledger.Find(executionId);
        if (current is null)
        {
            return new CommandStep(ledger, [], [], false) { ResponseOutcome = CommandResponseOutcome.UnknownExecution, Error = $"No execution '{executionId}' for this vehicle." };
        }

        var response = CommandResponse.Parse(payload, out var error);
        if (response is null)
        {
            return new CommandStep(ledger, [], [], false) { ResponseOutcome = CommandResponseOutcome.Invalid, Error = error };
        }

        var outcome = Classify(current, response.Status);
        if (outcome != CommandResponseOutcome.Applied)
        {
            return new CommandStep(ledger, [], [], false) { ResponseOutcome = outcome };
        }

        var next = current with
        {
            Status = response.Status,
            StatusReason = response.StatusReason,
            Result = response.Result ?? current.Result,
            UpdatedAt = now,
            TimedOutByCloud = false,
            DeliveredAt = current.DeliveredAt ?? now,
        };
        return Changed(ledger.Put(next, _options.HistoryLimit), thingName, [], [next], false) with { ResponseOutcome = CommandResponseOutcome.Applied };
    }

    /// <summary>
    /// Rebuilds the request of a sent, still open execution (for example to resend it on a new
    /// session); <c>null</c> when it is terminal, unsent or past its deadline.
    /// </summary>
    public CommandRequestMessage? RequestFor(string thingName, CommandExecution execution, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return execution.IsTerminal || execution.DeliveredAt is null || execution.Deadline <= now ? null : Request(thingName, execution, now);
    }

    private static CommandResponseOutcome Classify(CommandExecution current, CommandExecutionStatus incoming)
    {
        if (current.IsFinal)
        {
            return current.Status == incoming ? CommandResponseOutcome.Duplicate : CommandResponseOutcome.Stale;
        }

        if (current.IsTerminal)
        {
            // Cloud-side TIMED_OUT of a sent command: only a device result moves it.
            return incoming.IsTerminal() ? CommandResponseOutcome.Applied : CommandResponseOutcome.Stale;
        }

        return current.Status == incoming ? CommandResponseOutcome.Duplicate : CommandResponseOutcome.Applied;
    }

    private static CommandExecution TimeOut(CommandExecution execution, DateTimeOffset now) => execution with
    {
        Status = CommandExecutionStatus.TimedOut,
        StatusReason = execution.DeliveredAt is null ? CommandStatusReason.NotDelivered : CommandStatusReason.NoResponseFromDevice,
        UpdatedAt = now,
        TimedOutByCloud = true,
    };

    private CommandStep Changed(CommandLedger ledger, string thingName, IReadOnlyList<CommandRequestMessage> requests, IReadOnlyList<CommandExecution> changed, bool wakeUp) =>
        new(ledger, requests, [.. changed.Select(e => Event(thingName, e))], wakeUp) { Changed = true };

    private CommandRequestMessage Request(string thingName, CommandExecution execution, DateTimeOffset now)
    {
        var payload = new JsonObject
        {
            ["executionId"] = execution.ExecutionId,
            ["command"] = execution.Command,
            ["parameters"] = JsonUtf8.ToNode(execution.Parameters) ?? new JsonObject(),
            ["deadline"] = execution.Deadline.ToUnixTimeMilliseconds(),
        };
        var secondsLeft = Math.Max(1, (long)Math.Ceiling((execution.Deadline - now).TotalSeconds));
        return new CommandRequestMessage(
            _topics.CommandRequest(thingName, execution.ExecutionId),
            JsonUtf8.ToBytes(payload),
            (uint)Math.Min(secondsLeft, uint.MaxValue),
            _topics.CommandResponse(thingName, execution.ExecutionId),
            Encoding.UTF8.GetBytes(execution.ExecutionId),
            execution.ExecutionId);
    }

    private CommandEventMessage Event(string thingName, CommandExecution execution)
    {
        var status = execution.Status.ToWireName();
        var payload = new JsonObject
        {
            ["executionId"] = execution.ExecutionId,
            ["status"] = status,
        };
        if (execution.StatusReason is { } reason)
        {
            var reasonObject = new JsonObject { ["reasonCode"] = reason.ReasonCode };
            if (reason.ReasonDescription is not null)
            {
                reasonObject["reasonDescription"] = reason.ReasonDescription;
            }

            payload["statusReason"] = reasonObject;
        }

        payload["eventType"] = "COMMAND_EXECUTION";
        payload["targetArn"] = _options.TargetArnPrefix + thingName;
        payload["timestamp"] = execution.UpdatedAt.ToUnixTimeMilliseconds();
        return new CommandEventMessage(_topics.CommandExecutionEvent(execution.Command, status), JsonUtf8.ToBytes(payload));
    }
}
