namespace Twins.Grains.Commands;

/// <summary>What a vehicle's response did to its execution.</summary>
[GenerateSerializer]
[Alias("Twins.CommandResponseOutcome")]
public enum CommandResponseOutcome
{
    /// <summary>The status moved.</summary>
    Applied,

    /// <summary>The same status again (a redelivery or repeat): nothing changed.</summary>
    Duplicate,

    /// <summary>Too late or going backwards (the execution is final, or IN_PROGRESS after a result): ignored.</summary>
    Stale,

    /// <summary>No execution with that id on this vehicle.</summary>
    UnknownExecution,

    /// <summary>The payload is not a valid response; see the error.</summary>
    Invalid,
}
