using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.Routing;
using Twins.Grains.Telemetry;

namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>
/// The twin of one vehicle (key: its thing name): classic and named shadows, connection status, last
/// telemetry, command executions and the retained critical message. Every call that changes something
/// writes the change before it returns, then hands the messages it causes (replies, deltas, command
/// requests, status events) to the <see cref="IVehicleOutbound"/> port in order, so a caller that
/// acknowledges to the broker after the call returns never loses an accepted change.
/// </summary>
[Alias("Twins.IVehicleGrain")]
public interface IVehicleGrain : IGrainWithStringKey
{
    /// <summary>
    /// A shadow request from the vehicle or an app (<c>/update</c>, <c>/get</c>, <c>/delete</c>): the
    /// reply goes to its <c>/accepted</c> or <c>/rejected</c> topic, an accepted update also publishes
    /// <c>/update/delta</c> (when there is a delta) and <c>/update/documents</c>. A redelivered update
    /// (same clientToken and payload as a recent accepted one) changes nothing.
    /// </summary>
    [Alias("HandleShadowRequestAsync")]
    Task<ShadowResult> HandleShadowRequestAsync(string? shadowName, ShadowOperation operation, [Immutable] byte[] payload);

    /// <summary>(Twins) An app's write of <c>desired</c> as JSON (<c>null</c> clears it), with the same checks and messages as an <c>/update</c>.</summary>
    [Alias("UpdateDesiredAsync")]
    Task<ShadowResult> UpdateDesiredAsync(string? shadowName, string? desiredJson, long? expectedVersion, string? clientToken);

    /// <summary>The shadow as <c>/get/accepted</c> shows it (state with delta, metadata, version), or the 404 error.</summary>
    [Alias("GetShadowAsync")]
    Task<ShadowResult> GetShadowAsync(string? shadowName);

    /// <summary>The names of the named shadows that exist (the classic one is not listed).</summary>
    [Alias("GetShadowNamesAsync")]
    Task<IReadOnlyList<string>> GetShadowNamesAsync();

    /// <summary>
    /// A lifecycle event payload from <c>$aws/events/presence/{connected|disconnected}/{thing}</c>. Applied
    /// only if its <c>versionNumber</c> orders after the last applied one; on connect the current deltas and
    /// the queued commands are published.
    /// </summary>
    [Alias("HandleLifecycleEventAsync")]
    Task<LifecycleResult> HandleLifecycleEventAsync(PresenceEventType eventType, [Immutable] byte[] payload);

    /// <summary>The connection status.</summary>
    [Alias("GetConnectionAsync")]
    Task<ConnectionStatus> GetConnectionAsync();

    /// <summary>A decoded telemetry sample: last values updated and the sample written to the time-series sink, unless its <c>seq</c> is not newer.</summary>
    [Alias("RecordTelemetryAsync")]
    Task<TelemetrySampleOutcome> RecordTelemetryAsync(TelemetrySample sample);

    /// <summary>The last value of every signal.</summary>
    [Alias("GetTelemetryAsync")]
    Task<LastTelemetry> GetTelemetryAsync();

    /// <summary>
    /// Creates a command execution: sent at once to a connected vehicle, queued (and a wake-up requested)
    /// for an offline one, TIMED_OUT unsent when its deadline has passed. Creating an existing execution
    /// id again returns it unchanged.
    /// </summary>
    [Alias("SendCommandAsync")]
    Task<CommandResult> SendCommandAsync(CommandRequest command);

    /// <summary>
    /// Cancels an execution still QUEUED for an offline vehicle: it ends CANCELED (persisted before this
    /// returns) and is never sent. One already sent or ended cannot be recalled (not cancelable);
    /// canceling a CANCELED one again returns it unchanged.
    /// </summary>
    [Alias("CancelCommandAsync")]
    Task<CancelCommandResult> CancelCommandAsync(string executionId);

    /// <summary>A vehicle's response payload for one execution.</summary>
    [Alias("HandleCommandResponseAsync")]
    Task<CommandResponseResult> HandleCommandResponseAsync(string executionId, [Immutable] byte[] payload);

    /// <summary>One execution, or <c>null</c>.</summary>
    [Alias("GetCommandAsync")]
    Task<CommandExecution?> GetCommandAsync(string executionId);

    /// <summary>The kept executions, oldest first.</summary>
    [Alias("GetCommandsAsync")]
    Task<IReadOnlyList<CommandExecution>> GetCommandsAsync();

    /// <summary>
    /// Publishes a critical OEM message to this vehicle, retained with a Message Expiry Interval, so the
    /// vehicle receives it on its next subscribe even if it is offline now. An empty payload clears it.
    /// </summary>
    [Alias("SendCriticalMessageAsync")]
    Task<CriticalMessage?> SendCriticalMessageAsync(CriticalMessage message);

    /// <summary>The last critical message sent to this vehicle if it has not expired.</summary>
    [Alias("GetCriticalMessageAsync")]
    Task<CriticalMessage?> GetCriticalMessageAsync();
}
