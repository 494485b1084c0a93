namespace Twins.Grains.Commands;

/// <summary>What a cancel request did to an execution.</summary>
[GenerateSerializer]
[Alias("Twins.CommandCancelOutcome")]
public enum CommandCancelOutcome
{
    /// <summary>The execution is CANCELED: it was queued and is now, or it had already been canceled (idempotent).</summary>
    Canceled,

    /// <summary>The execution was already sent to the vehicle (CREATED, IN_PROGRESS) or has ended: it cannot be recalled, nothing changed.</summary>
    NotCancelable,

    /// <summary>No execution with that id on this vehicle.</summary>
    NotFound,
}
