namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>A critical OEM message, retained on <c>twins/vehicles/{thing}/critical</c> or <c>twins/fleet/critical</c>.</summary>
/// <param name="Payload">The message (UTF-8 JSON by convention); empty clears the retained message.</param>
/// <param name="ExpiresAt">When the broker should drop it (sent as the Message Expiry Interval).</param>
/// <param name="SentAt">When Twins published it (set by Twins).</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.CriticalMessage")]
public sealed record CriticalMessage([Id(0)] string Payload, [Id(1)] DateTimeOffset ExpiresAt, [Id(2)] DateTimeOffset? SentAt = null);
