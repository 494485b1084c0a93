using Twins.Grains.Provisioning;
using Twins.Grains.Rotation;

namespace Twins.Grains.Certificates.Grains;

/// <summary>Settings of the certificate grains and provisioning (section <c>Certificates</c>).</summary>
public sealed class CertificateGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Certificates";

    /// <summary>Where the CA keeps its keys, journal and CRL (owner-only); relative paths are under the silo's data directory.</summary>
    public string DataDirectory { get; set; } = "ca";

    /// <summary>Validity of operational certificates (365 days).</summary>
    public TimeSpan OperationalValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Run through <c>/bin/sh -c</c> after every CRL change so the broker re-reads it, e.g.
    /// <c>kill -HUP $(cat /run/mosquitto/mosquitto.pid)</c>; <c>{crl}</c> is replaced by the CRL file. Empty: none.
    /// </summary>
    public string? BrokerReloadCommand { get; set; }

    /// <summary>
    /// How long a vehicle still connected with a certificate that was just revoked has to disconnect after
    /// being asked (the <c>disconnect</c> command) before the gateway ends the connection by a broker-side
    /// session takeover; also the retry period of that takeover (30 s).
    /// </summary>
    public TimeSpan RevokedConnectionGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>DUPLICATE_CLIENTID disconnects of one certificate within <see cref="DuplicateClientIdStormWindow"/> that make a security finding (5).</summary>
    public int DuplicateClientIdStormThreshold { get; set; } = 5;

    /// <summary>The window of <see cref="DuplicateClientIdStormThreshold"/> (10 minutes).</summary>
    public TimeSpan DuplicateClientIdStormWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Revocations within this window are published together: one CRL write and one broker reload (1 s). Zero
    /// publishes each revocation at once.
    /// </summary>
    public TimeSpan CrlPublishDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The provisioning templates (name → device configuration handed to the vehicle).</summary>
    public Dictionary<string, Dictionary<string, string>> Templates { get; set; } = new(StringComparer.Ordinal)
    {
        ["twins-fleet"] = new(StringComparer.Ordinal),
    };

    /// <summary>
    /// VINs added to the allow-list (persisted by its grain) when first configured: each is added once, so a
    /// restart writes nothing and a VIN an operator removed (revokeVehicleAuthorization) is not brought back;
    /// remove it here too, or add it again through the API.
    /// </summary>
    public List<string> AllowedVins { get; set; } = [];

    /// <summary>Rotation window, step deadlines, attempts and backoff (<c>Certificates:Rotation</c>).</summary>
    public RotationOptions Rotation { get; set; } = new();

    /// <summary>How many provisioning grain keys requests are spread over (parallelism).</summary>
    public int ProvisioningPartitions { get; set; } = 8;

    internal IEnumerable<ProvisioningTemplate> ProvisioningTemplates() =>
        Templates.Select(t => new ProvisioningTemplate { Name = t.Key, DeviceConfiguration = t.Value });
}
