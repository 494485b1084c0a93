namespace Twins.Grains.Interfaces.Certificates;

/// <summary>A provisioning reply for the gateway to publish to the requester.</summary>
/// <param name="Accepted">True for an <c>/accepted</c> reply, false for <c>/rejected</c>.</param>
/// <param name="Payload">The JSON reply.</param>
/// <param name="ErrorCode">The rejected reply's <c>errorCode</c>, else null.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.ProvisioningReply")]
public sealed record ProvisioningReply([Id(0)] bool Accepted, [Id(1)] byte[] Payload, [Id(2)] string? ErrorCode);
