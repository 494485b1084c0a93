namespace Twins.Testing;

/// <summary>How a test wants its broker: plain TCP always, plus a mutual-TLS listener when asked.</summary>
public sealed record MosquittoOptions
{
    /// <summary>Adds a TLS listener with fresh test certificates (see <see cref="MosquittoBroker.Certificates"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: clients must present a certificate from the test CA; its CN becomes the user name.</summary>
    public bool RequireClientCertificate { get; init; } = true;

    /// <summary>With <see cref="Tls"/>: the listener checks the CRL file (reload with SIGHUP after revoking).</summary>
    public bool UseCrl { get; init; }

    /// <summary>Extra lines appended to the generated mosquitto.conf.</summary>
    public IReadOnlyList<string> ExtraConfig { get; init; } = [];
}
