namespace Twins.Grains.Commands;

/// <summary>Why an execution has its status: <c>{"reasonCode","reasonDescription"}</c>.</summary>
/// <param name="ReasonCode">Up to 64 of <c>[A-Z0-9_-]</c> (Twins' own codes start with <c>$</c>).</param>
/// <param name="ReasonDescription">Up to 1024 characters of free text.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CommandStatusReason")]
public sealed record CommandStatusReason([Id(0)] string ReasonCode, [Id(1)] string? ReasonDescription)
{
    /// <summary>Twins timed the execution out at its deadline after sending it.</summary>
    public static CommandStatusReason NoResponseFromDevice { get; } = new("$NO_RESPONSE_FROM_DEVICE", "The vehicle did not answer before the deadline.");

    /// <summary>Twins timed the execution out at its deadline without ever sending it.</summary>
    public static CommandStatusReason NotDelivered { get; } = new("$NOT_DELIVERED", "The vehicle did not connect before the deadline; the command was not sent.");

    /// <summary>Twins canceled the execution on request while it was queued, before it was sent.</summary>
    public static CommandStatusReason Canceled { get; } = new("$CANCELED", "Canceled before it was sent to the vehicle.");
}
