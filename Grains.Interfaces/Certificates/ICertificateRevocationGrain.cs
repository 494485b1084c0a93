using Orleans.Concurrency;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// The fleet's certificate revocation list (key: <see cref="DefaultKey"/>): revocations are written to the
/// CRL file the broker reads, then the configured reload command runs (for mosquitto, a SIGHUP). Revocations
/// arriving within <c>Certificates:CrlPublishDelay</c> of each other are published together (one file write,
/// one reload); each is stored before <see cref="RevokeAsync"/> returns, and a reminder publishes them.
/// </summary>
[Alias("Twins.ICertificateRevocationGrain")]
public interface ICertificateRevocationGrain : IGrainWithStringKey
{
    /// <summary>The key of the fleet's CRL.</summary>
    public const string DefaultKey = "default";

    /// <summary>
    /// Adds a serial number to the CRL (a repeat changes nothing) and publishes it: at once when the publish
    /// delay is zero (returns the CRL number), else with the other revocations of that window (returns
    /// <c>null</c>; the publication is durable).
    /// </summary>
    [Alias("RevokeAsync")]
    Task<string?> RevokeAsync(string serialNumber, DateTimeOffset revokedAt);

    /// <summary>The revoked serial numbers.</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}
