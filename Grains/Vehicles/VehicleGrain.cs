using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.DeviceShadow;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Observers;
using Twins.Grains.Routing;
using Twins.Grains.Telemetry;

namespace Twins.Grains.Vehicles;

/// <summary>
/// The twin of one vehicle. Each kind of state is persisted on its own so a telemetry sample does not
/// rewrite the shadows; every change is written before the call returns and before its messages are
/// handed to the outbound port. Durable deadlines (command expiry, keep-alive checks) are reminders.
/// </summary>
[GrainType("vehicle")]
internal sealed partial class VehicleGrain : Grain, IVehicleGrain, IRemindable
{
    internal const string CommandDeadlineReminder = "command-deadline";
    internal const string KeepAliveReminder = "keep-alive";

    private readonly IPersistentState<ShadowBook> _shadows;
    private readonly IPersistentState<ConnectionStatus> _connection;
    private readonly IPersistentState<LastTelemetry> _telemetry;
    private readonly IPersistentState<CommandLedger> _commands;
    private readonly IPersistentState<CriticalState> _critical;
    private readonly VehicleServices _services;
    private readonly ILogger<VehicleGrain> _logger;
    private DateTimeOffset? _scheduledDeadline;
    private bool _keepAliveScheduled;
    private DateTimeOffset? _lastSeenWritten;

    public VehicleGrain(
        [PersistentState("shadows")] IPersistentState<ShadowBook> shadows,
        [PersistentState("connection")] IPersistentState<ConnectionStatus> connection,
        [PersistentState("telemetry")] IPersistentState<LastTelemetry> telemetry,
        [PersistentState("commands")] IPersistentState<CommandLedger> commands,
        [PersistentState("critical")] IPersistentState<CriticalState> critical,
        VehicleServices services,
        ILogger<VehicleGrain> logger)
    {
        _shadows = shadows;
        _connection = connection;
        _telemetry = telemetry;
        _commands = commands;
        _critical = critical;
        _services = services;
        _logger = logger;
    }

    private string ThingName => this.GetPrimaryKeyString();

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    private ShadowBook Shadows => _shadows.State ?? ShadowBook.Empty;

    private ConnectionStatus Connection => _connection.State ?? ConnectionStatus.Unknown;

    private CommandLedger Commands => _commands.State ?? CommandLedger.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shadows.StartFrom(ShadowBook.Empty);
        _connection.StartFrom(ConnectionStatus.Unknown);
        _telemetry.StartFrom(LastTelemetry.Empty);
        _commands.StartFrom(CommandLedger.Empty);
        _critical.StartFrom(CriticalState.Empty);
        _lastSeenWritten = Connection.LastSeen;
        // Reminders survive restarts, but the in-memory notes of what is scheduled do not.
        _scheduledDeadline = null;
        _keepAliveScheduled = await this.GetReminder(KeepAliveReminder, cancellationToken) is not null;
        if (Commands.NextDeadline is not null)
        {
            await ScheduleDeadlineAsync();
        }

        await RestoreTelemetryAsync(cancellationToken);
    }

    public async Task<ShadowResult> HandleShadowRequestAsync(string? shadowName, ShadowOperation operation, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await MarkSeenAsync();
        var now = Now;
        var book = Shadows;
        var current = book.Shadows.Get(shadowName);
        var topics = _services.Topics;
        switch (operation)
        {
            case ShadowOperation.Update:
            {
                // A redelivery is recognised before the update is checked against the current version, which the
                // first delivery moved on: same clientToken and payload as an accepted update.
                var clientToken = _services.Shadow.ClientTokenOf(payload);
                var fingerprint = clientToken is null ? null : Fingerprint(shadowName, clientToken, payload);
                if (fingerprint is not null && book.RecentUpdates.Find(r => r.Fingerprint == fingerprint) is { } applied)
                {
                    // Applied before, but its answer may have been lost with a silo or a connection: change nothing
                    // and answer again as the first time.
                    LogDuplicateUpdate(_logger, ThingName, shadowName ?? "(classic)", clientToken!);
                    var again = _services.Shadow.AcceptedAgain(payload, applied.Version, applied.Timestamp);
                    Publish(new OutboundMessage(topics.ShadowAccepted(ThingName, shadowName, operation), again));
                    return new ShadowResult(true, applied.Version, null, null, Encoding.UTF8.GetString(again.Span), Duplicate: true);
                }

                var outcome = _services.Shadow.Update(current, payload, now);
                if (!outcome.IsAccepted)
                {
                    Publish(new OutboundMessage(topics.ShadowRejected(ThingName, shadowName, operation), outcome.Reply));
                    return Result(outcome.State, outcome.Error, outcome.Reply);
                }

                var recent = fingerprint is null ? book.RecentUpdates : Trim(book.RecentUpdates.Add(new RecentUpdate(fingerprint, outcome.State.Version, now.ToUnixTimeSeconds())));
                _shadows.State = new ShadowBook(book.Shadows.With(outcome.State), recent);
                await _shadows.WriteStateAsync();
                var messages = new List<OutboundMessage>(3) { new(topics.ShadowAccepted(ThingName, shadowName, operation), outcome.Reply) };
                if (outcome.Delta is { } delta)
                {
                    messages.Add(new OutboundMessage(topics.ShadowUpdateDelta(ThingName, shadowName), delta));
                }

                if (outcome.Documents is { } documents)
                {
                    messages.Add(new OutboundMessage(topics.ShadowUpdateDocuments(ThingName, shadowName), documents));
                }

                _services.Outbound.Publish(messages);
                await OnChangedAsync(VehicleChangeKind.Shadow, shadowName);
                return Result(outcome.State, null, outcome.Reply);
            }

            case ShadowOperation.Get:
            {
                var reply = _services.Shadow.Get(current, ThingName, payload, now);
                Publish(new OutboundMessage(reply.IsAccepted ? topics.ShadowAccepted(ThingName, shadowName, operation) : topics.ShadowRejected(ThingName, shadowName, operation), reply.Payload));
                return Result(reply.State, reply.Error, reply.Payload);
            }

            case ShadowOperation.Delete:
            {
                var reply = _services.Shadow.Delete(current, ThingName, payload, now);
                if (reply.IsAccepted)
                {
                    _shadows.State = book with { Shadows = book.Shadows.With(reply.State) };
                    await _shadows.WriteStateAsync();
                }

                Publish(new OutboundMessage(reply.IsAccepted ? topics.ShadowAccepted(ThingName, shadowName, operation) : topics.ShadowRejected(ThingName, shadowName, operation), reply.Payload));
                if (reply.IsAccepted)
                {
                    await OnChangedAsync(VehicleChangeKind.Shadow, shadowName);
                }

                return Result(reply.State, reply.Error, reply.Payload);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    public async Task<ShadowResult> UpdateDesiredAsync(string? shadowName, string? desiredJson, long? expectedVersion, string? clientToken)
    {
        JsonObject? desired = null;
        if (desiredJson is not null)
        {
            try
            {
                desired = JsonNode.Parse(desiredJson) as JsonObject;
            }
            catch (JsonException)
            {
                desired = null;
            }

            if (desired is null)
            {
                var error = ShadowError.DesiredNotObject;
                return new ShadowResult(false, Shadows.Shadows.Get(shadowName).Version, error.Code, error.Message, Encoding.UTF8.GetString(ShadowEngine.ErrorDocument(error, clientToken, Now).Span));
            }
        }

        var request = new JsonObject { ["state"] = new JsonObject { ["desired"] = desired } };
        if (expectedVersion is { } version)
        {
            request["version"] = version;
        }

        if (clientToken is not null)
        {
            request["clientToken"] = clientToken;
        }

        return await HandleShadowRequestCoreAsync(shadowName, Encoding.UTF8.GetBytes(request.ToJsonString()));
    }

    public Task<ShadowResult> GetShadowAsync(string? shadowName)
    {
        var reply = _services.Shadow.Get(Shadows.Shadows.Get(shadowName), ThingName, [], Now);
        return Task.FromResult(Result(reply.State, reply.Error, reply.Payload));
    }

    public Task<IReadOnlyList<string>> GetShadowNamesAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. Shadows.Shadows.Shadows.Values.Where(s => s.Exists && !s.IsClassic).Select(s => s.ShadowName!).Order(StringComparer.Ordinal)]);

    public async Task<LifecycleResult> HandleLifecycleEventAsync(PresenceEventType eventType, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var lifecycleEvent = LifecycleEvent.Parse(payload, new PresenceRoute(ThingName, eventType), out var error);
        if (lifecycleEvent is null)
        {
            return new LifecycleResult(false, Connection.Connected, error);
        }

        if (await IsUnknownVehicleAsync(eventType))
        {
            return new LifecycleResult(false, false, UnknownVehicle: true);
        }

        var now = Now;
        var change = ConnectionTracker.Apply(Connection, lifecycleEvent, now);
        if (!change.Applied)
        {
            return new LifecycleResult(false, Connection.Connected);
        }

        _connection.State = change.Status;
        await _connection.WriteStateAsync();
        _lastSeenWritten = change.Status.LastSeen;
        await OnConnectionChangedAsync(change, publishDeltas: true);
        await OnConnectionWrittenAsync(changed: true);
        return new LifecycleResult(true, change.Status.Connected);
    }

    public Task<ConnectionStatus> GetConnectionAsync() => Task.FromResult(Connection);

    public async Task<CommandResult> SendCommandAsync(CommandRequest command)
    {
        ArgumentNullException.ThrowIfNull(command);
        JsonObject? parameters = null;
        if (command.ParametersJson is not null)
        {
            try
            {
                parameters = JsonNode.Parse(command.ParametersJson) as JsonObject;
            }
            catch (JsonException)
            {
                parameters = null;
            }

            if (parameters is null)
            {
                return new CommandResult(null, "parameters must be a JSON object.");
            }
        }

        if (string.IsNullOrEmpty(command.Command))
        {
            return new CommandResult(null, "command is required.");
        }

        var step = _services.Commands.Create(Commands, ThingName, command.ExecutionId, command.Command, parameters, command.Deadline, Connection.Connected, Now);
        if (step.Error is not null)
        {
            return new CommandResult(null, step.Error);
        }

        await ApplyCommandStepAsync(step);
        if (step.WakeUpRequested)
        {
            // Not awaited: a slow or failing notifier must not hold the vehicle's turn; it logs its own failures.
            _ = _services.WakeUp.RequestWakeUpAsync(ThingName, command.ExecutionId);
        }

        return new CommandResult(step.Ledger.Find(command.ExecutionId));
    }

    public async Task<CommandResponseResult> HandleCommandResponseAsync(string executionId, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await MarkSeenAsync();
        var step = _services.Commands.OnResponse(Commands, ThingName, executionId, payload, Now);
        await ApplyCommandStepAsync(step);
        return new CommandResponseResult(step.ResponseOutcome ?? CommandResponseOutcome.Invalid, step.Ledger.Find(executionId)?.Status, step.Error);
    }

    public Task<CommandExecution?> GetCommandAsync(string executionId) => Task.FromResult(Commands.Find(executionId));

    public Task<IReadOnlyList<CommandExecution>> GetCommandsAsync() => Task.FromResult<IReadOnlyList<CommandExecution>>(Commands.Executions);

    public async Task<CriticalMessage?> SendCriticalMessageAsync(CriticalMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = Now;
        var clear = message.Payload.Length == 0;
        if (!clear && message.ExpiresAt <= now)
        {
            throw new ArgumentException("A critical message must expire in the future.", nameof(message));
        }

        var sent = clear ? null : message with { SentAt = now };
        _critical.State = new CriticalState(sent);
        await _critical.WriteStateAsync();
        await OnChangedAsync(VehicleChangeKind.CriticalMessage);
        var expiry = clear ? 0 : (uint)Math.Clamp(Math.Ceiling((message.ExpiresAt - now).TotalSeconds), 1, uint.MaxValue);
        Publish(new OutboundMessage(_services.Topics.VehicleCritical(ThingName), Encoding.UTF8.GetBytes(message.Payload), Retain: true, MessageExpiryInterval: expiry));
        return sent;
    }

    public Task<CriticalMessage?> GetCriticalMessageAsync()
    {
        var message = (_critical.State ?? CriticalState.Empty).Message;
        return Task.FromResult(message is not null && message.ExpiresAt > Now ? message : null);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case CommandDeadlineReminder:
                _scheduledDeadline = null;
                await ApplyCommandStepAsync(_services.Commands.OnDeadline(Commands, ThingName, Now));
                await ScheduleDeadlineAsync();
                break;
            case KeepAliveReminder:
                var change = _services.Connection.CheckKeepAlive(Connection, Now);
                if (change.Applied)
                {
                    _connection.State = change.Status;
                    await _connection.WriteStateAsync();
                    LogKeepAliveTimeout(_logger, ThingName);
                    await OnConnectionWrittenAsync(changed: true);
                }

                if (!Connection.Connected)
                {
                    await StopKeepAliveAsync();
                }

                break;
            default:
                // A reminder this version no longer uses: remove it so it stops firing.
                if (await this.GetReminder(reminderName) is { } stale)
                {
                    await this.UnregisterReminder(stale);
                }

                break;
        }
    }

    private async Task<ShadowResult> HandleShadowRequestCoreAsync(string? shadowName, byte[] payload) =>
        await HandleShadowRequestAsync(shadowName, ShadowOperation.Update, payload);

    private async Task MarkSeenAsync()
    {
        var now = Now;
        var change = ConnectionTracker.MarkSeen(Connection, now);
        _connection.State = change.Status;
        // Last-seen alone is written at most once per keep-alive check period, not on every message.
        if (change.BecameConnected || _lastSeenWritten is not { } written || now - written >= KeepAliveCheckPeriod)
        {
            await _connection.WriteStateAsync();
            _lastSeenWritten = now;
            await OnConnectionWrittenAsync(change.BecameConnected);
        }

        if (change.BecameConnected)
        {
            await OnConnectionChangedAsync(change, publishDeltas: false);
        }
    }

    private TimeSpan KeepAliveCheckPeriod
    {
        get
        {
            var third = _services.ConnectionOptions.SilenceLimit / 3;
            return third < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : third;
        }
    }

    private async Task OnConnectionChangedAsync(ConnectionChange change, bool publishDeltas)
    {
        if (change.BecameConnected || (change.Status.Connected && change.Applied && !_keepAliveScheduled))
        {
            if (change.BecameConnected && publishDeltas)
            {
                var messages = Shadows.Shadows.DeltasOnConnect(Now)
                    .Select(d => new OutboundMessage(_services.Topics.ShadowUpdateDelta(ThingName, d.ShadowName), d.Payload))
                    .ToList();
                if (messages.Count > 0)
                {
                    _services.Outbound.Publish(messages);
                }
            }

            if (change.BecameConnected)
            {
                await ApplyCommandStepAsync(_services.Commands.OnConnected(Commands, ThingName, Now));
            }

            await StartKeepAliveAsync();
        }
        else if (change.BecameDisconnected || !change.Status.Connected)
        {
            await StopKeepAliveAsync();
        }
    }

    private async Task StartKeepAliveAsync()
    {
        if (!_keepAliveScheduled)
        {
            await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAliveCheckPeriod, KeepAliveCheckPeriod);
            _keepAliveScheduled = true;
        }
    }

    private async Task StopKeepAliveAsync()
    {
        if (_keepAliveScheduled)
        {
            if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _keepAliveScheduled = false;
        }
    }

    private async Task ApplyCommandStepAsync(CommandStep step)
    {
        if (!step.Changed)
        {
            return;
        }

        var previous = Commands;
        _commands.State = step.Ledger;
        await _commands.WriteStateAsync();
        await OnCommandsChangedAsync(previous, step.Ledger);
        if (step.Requests.Count + step.Events.Count > 0)
        {
            var messages = new List<OutboundMessage>(step.Requests.Count + step.Events.Count);
            foreach (var request in step.Requests)
            {
                messages.Add(new OutboundMessage(request.Topic, request.Payload, MessageExpiryInterval: request.MessageExpiryInterval, ResponseTopic: request.ResponseTopic, CorrelationData: request.CorrelationData));
            }

            foreach (var statusEvent in step.Events)
            {
                messages.Add(new OutboundMessage(statusEvent.Topic, statusEvent.Payload));
            }

            _services.Outbound.Publish(messages);
        }

        await ScheduleDeadlineAsync();
    }

    private async Task ScheduleDeadlineAsync()
    {
        var next = Commands.NextDeadline;
        if (next == _scheduledDeadline)
        {
            return;
        }

        if (next is { } deadline)
        {
            var due = deadline - Now;
            await this.RegisterOrUpdateReminder(CommandDeadlineReminder, GrainReminders.DueTime(due), GrainReminders.OneShotPeriod);
        }
        else if (await this.GetReminder(CommandDeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _scheduledDeadline = next;
    }

    private void Publish(OutboundMessage message) => _services.Outbound.Publish([message]);

    private static ShadowResult Result(ShadowState state, ShadowError? error, ReadOnlyMemory<byte> document) =>
        new(error is null, state.Version, error?.Code, error?.Message, Encoding.UTF8.GetString(document.Span));

    private static ImmutableList<RecentUpdate> Trim(ImmutableList<RecentUpdate> recent) =>
        recent.Count > ShadowBook.RecentUpdateLimit ? recent.RemoveRange(0, recent.Count - ShadowBook.RecentUpdateLimit) : recent;

    private static string Fingerprint(string? shadowName, string clientToken, byte[] payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return $"{shadowName}\n{clientToken}\n{Convert.ToHexString(hash[..12])}";
    }
}
