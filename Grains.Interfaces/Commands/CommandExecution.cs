using System.Text.Json;

namespace Twins.Grains.Commands;

/// <summary>One command execution as a vehicle grain persists it. Immutable; the command state machine makes the next one.</summary>
/// <param name="ExecutionId">Unique per execution; also the MQTT 5 Correlation Data.</param>
/// <param name="Command">The command's name (for example <c>unlock</c>, <c>rotate-certificate</c>).</param>
/// <param name="Parameters">The command's parameters object, if any.</param>
/// <param name="Status">The current status.</param>
/// <param name="StatusReason">The reason given with the status, if any.</param>
/// <param name="Result">The vehicle's <c>result</c> object, if any.</param>
/// <param name="CreatedAt">When the execution was created.</param>
/// <param name="Deadline">After this Twins no longer sends it and times it out.</param>
/// <param name="UpdatedAt">When the status last changed.</param>
/// <param name="DeliveredAt">When the request was handed to the broker, or <c>null</c> if never sent.</param>
/// <param name="TimedOutByCloud">True when TIMED_OUT came from Twins at the deadline (a later device result still applies).</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CommandExecution")]
public sealed record CommandExecution(
    [Id(0)] string ExecutionId,
    [Id(1)] string Command,
    [Id(2)] JsonElement? Parameters,
    [Id(3)] CommandExecutionStatus Status,
    [Id(4)] CommandStatusReason? StatusReason,
    [Id(5)] JsonElement? Result,
    [Id(6)] DateTimeOffset CreatedAt,
    [Id(7)] DateTimeOffset Deadline,
    [Id(8)] DateTimeOffset UpdatedAt,
    [Id(9)] DateTimeOffset? DeliveredAt,
    [Id(10)] bool TimedOutByCloud)
{
    /// <summary>True for SUCCEEDED, FAILED, REJECTED, TIMED_OUT and CANCELED.</summary>
    public bool IsTerminal => Status.IsTerminal();

    /// <summary>
    /// True when nothing can change the status any more: every terminal status except a cloud-side
    /// TIMED_OUT of an execution that was sent (the vehicle may still report its result).
    /// </summary>
    public bool IsFinal => IsTerminal && !(Status == CommandExecutionStatus.TimedOut && TimedOutByCloud && DeliveredAt is not null);
}
