namespace Twins.Grains.Commands;

/// <summary>The status of one command execution, as AWS IoT Commands names it (plus QUEUED and CANCELED, Twins).</summary>
[GenerateSerializer]
[Alias("Twins.CommandExecutionStatus")]
public enum CommandExecutionStatus
{
    /// <summary>Sent to a connected vehicle, no answer yet.</summary>
    Created,

    /// <summary>(Twins) Waiting for an offline vehicle to connect.</summary>
    Queued,

    /// <summary>The vehicle said it is working on it.</summary>
    InProgress,

    /// <summary>Terminal: the vehicle carried it out.</summary>
    Succeeded,

    /// <summary>Terminal: the vehicle tried and failed.</summary>
    Failed,

    /// <summary>Terminal: the vehicle refused it.</summary>
    Rejected,

    /// <summary>Terminal: the deadline passed (from the cloud, not final) or the vehicle gave up (final).</summary>
    TimedOut,

    /// <summary>(Twins) Terminal: canceled through the API while queued, so it was never sent to the vehicle.</summary>
    Canceled,
}
