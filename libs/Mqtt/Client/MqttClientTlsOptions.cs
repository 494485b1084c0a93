using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Mqtt.Client;

/// <summary>TLS for the connection: server validation against a custom CA and a client certificate for mutual TLS.</summary>
public sealed class MqttClientTlsOptions
{
    /// <summary>Use TLS (SslStream) on the TCP connection.</summary>
    public bool UseTls { get; init; }

    /// <summary>The name the server certificate must match; defaults to the host.</summary>
    public string? TargetHost { get; init; }

    /// <summary>Client certificates (with private keys) offered for mutual TLS.</summary>
    public X509Certificate2Collection? ClientCertificates { get; init; }

    /// <summary>When set, the server certificate must chain to this CA (custom root trust) instead of the system store.</summary>
    public X509Certificate2? TrustedCertificateAuthority { get; init; }

    /// <summary>Replaces the built-in validation entirely when set.</summary>
    public RemoteCertificateValidationCallback? CertificateValidationHandler { get; init; }

    /// <summary>Check the server certificate's revocation status online.</summary>
    public bool CheckCertificateRevocation { get; init; }

    /// <summary>Allowed protocols; None lets the operating system choose (TLS 1.2 / 1.3).</summary>
    public SslProtocols SslProtocols { get; init; } = SslProtocols.None;
}
