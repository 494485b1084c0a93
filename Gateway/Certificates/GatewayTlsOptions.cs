namespace Twins.Gateway.Certificates;

/// <summary>
/// Mutual TLS for the gateway's broker connections (<c>Gateway:Tls</c>): the gateway presents its own
/// client certificate (CN = <c>twins-gateway</c>, the privileged identity in deploy/mosquitto/acl) and
/// checks the broker's certificate against <see cref="CaFile"/>.
/// </summary>
public sealed class GatewayTlsOptions
{
    /// <summary>Connect over TLS (the broker's mTLS listener) instead of plain TCP.</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA (or self-signed certificate) the broker's server certificate must chain to; empty: the system's trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file of the gateway's client certificate (leaf first; intermediates may follow).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file of the client certificate's private key (PKCS#8, SEC1 or PKCS#1).</summary>
    public string? KeyFile { get; set; }

    /// <summary>The name the broker's certificate must carry; empty: <see cref="GatewayOptions.Host"/>.</summary>
    public string? TargetHost { get; set; }
}
