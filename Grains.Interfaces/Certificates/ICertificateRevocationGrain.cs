using Twins.Actors;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>
/// The fleet's certificate revocation list (key: <see cref="DefaultKey"/>): every revocation is written to
/// the CRL file the broker reads, then the configured reload command runs (for mosquitto, a SIGHUP).
/// </summary>
public interface ICertificateRevocationGrain : IGrainWithStringKey
{
    /// <summary>The key of the fleet's CRL.</summary>
    public const string DefaultKey = "default";

    /// <summary>Adds a serial number to the CRL (a repeat changes nothing) and publishes it; returns the CRL number.</summary>
    Task<string> RevokeAsync(string serialNumber, DateTimeOffset revokedAt);

    /// <summary>The revoked serial numbers.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
