namespace Twins.Grains.Certificates;

/// <summary>Settings of <see cref="InProcessCertificateAuthority"/>.</summary>
public sealed record CertificateAuthorityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CertificateAuthority";

    /// <summary>Where keys, certificates, the CRL and the issuing journal live (created owner-only).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Validity of vehicle certificates (365 days by default, per the contract).</summary>
    public TimeSpan OperationalValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Validity of claim certificates.</summary>
    public TimeSpan ClaimValidity { get; init; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Validity of the issuing CA created on first start.</summary>
    public TimeSpan IssuingCaValidity { get; init; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Validity of the root CA created on first start.</summary>
    public TimeSpan RootCaValidity { get; init; } = TimeSpan.FromDays(20 * 365);

    /// <summary>A CRL's <c>nextUpdate</c> is this long after its <c>thisUpdate</c>.</summary>
    public TimeSpan CrlValidity { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Certificates start this long before they are issued, for vehicles whose clock is slightly behind.</summary>
    public TimeSpan ClockSkewAllowance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The root CA's subject.</summary>
    public string RootSubject { get; init; } = "CN=Twins Root CA, O=Twins";

    /// <summary>The issuing CA's subject.</summary>
    public string IssuingSubject { get; init; } = "CN=Twins Issuing CA 1, O=Twins";

    /// <summary>The smallest RSA key accepted in a CSR.</summary>
    public int MinimumRsaKeySize { get; init; } = 2048;

    /// <summary>Throws naming the setting when one is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("CertificateAuthority:DataDirectory is required.", nameof(DataDirectory));
        }

        foreach (var (value, name) in new[]
        {
            (OperationalValidity, nameof(OperationalValidity)),
            (ClaimValidity, nameof(ClaimValidity)),
            (IssuingCaValidity, nameof(IssuingCaValidity)),
            (RootCaValidity, nameof(RootCaValidity)),
            (CrlValidity, nameof(CrlValidity)),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"CertificateAuthority:{name} must be positive.", name);
            }
        }

        if (MinimumRsaKeySize < 2048)
        {
            throw new ArgumentException("CertificateAuthority:MinimumRsaKeySize must be at least 2048.", nameof(MinimumRsaKeySize));
        }
    }
}
