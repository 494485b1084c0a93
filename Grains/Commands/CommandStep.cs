namespace Twins.Grains.Commands;

/// <summary>The result of one command operation: the ledger to persist and the messages to publish after persisting it.</summary>
/// <param name="Ledger">The executions after the operation (the same instance when nothing changed).</param>
/// <param name="Requests">Command requests to publish now.</param>
/// <param name="Events">Status-change events to publish.</param>
/// <param name="WakeUpRequested">True when an offline vehicle should be woken (a command was queued for it).</param>
public sealed record CommandStep(
    CommandLedger Ledger,
    IReadOnlyList<CommandRequestMessage> Requests,
    IReadOnlyList<CommandEventMessage> Events,
    bool WakeUpRequested)
{
    /// <summary>True when the ledger changed and must be written before anything is published.</summary>
    public bool Changed { get; init; }

    /// <summary>For <see cref="CommandProcessor.OnResponse"/>: what the response did.</summary>
    public CommandResponseOutcome? ResponseOutcome { get; init; }

    /// <summary>For <see cref="CommandProcessor.Cancel"/>: what the cancel request did.</summary>
    public CommandCancelOutcome? CancelOutcome { get; init; }

    /// <summary>For an invalid response or request: why.</summary>
    public string? Error { get; init; }
}
