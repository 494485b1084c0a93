namespace Twins.Grains.Connections;

/// <summary>A vehicle's connection status as its grain persists it.</summary>
/// <param name="Connected">Whether the vehicle is connected now.</param>
/// <param name="Since">When it last connected or disconnected.</param>
/// <param name="SessionIdentifier">The current or last session.</param>
/// <param name="PrincipalIdentifier">The certificate id of that session.</param>
/// <param name="IpAddress">The address of that session.</param>
/// <param name="LastDisconnectReason">Why the last session ended.</param>
/// <param name="VersionNumber">The <c>versionNumber</c> of the last applied event, or <c>null</c> before the first.</param>
/// <param name="LastSeen">When anything was last heard from the vehicle.</param>
/// <param name="DisconnectInferred">True when <see cref="Connected"/> is false because of the keep-alive fallback, not an event.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.ConnectionStatus")]
public sealed record ConnectionStatus(
    [Id(0)] bool Connected,
    [Id(1)] DateTimeOffset? Since,
    [Id(2)] string? SessionIdentifier,
    [Id(3)] string? PrincipalIdentifier,
    [Id(4)] string? IpAddress,
    [Id(5)] DisconnectReason? LastDisconnectReason,
    [Id(6)] long? VersionNumber,
    [Id(7)] DateTimeOffset? LastSeen,
    [Id(8)] bool DisconnectInferred)
{
    /// <summary>A vehicle never seen.</summary>
    public static ConnectionStatus Unknown { get; } = new(false, null, null, null, null, null, null, null, false);
}
