namespace Twins.Grains.Certificates.Grains;

/// <summary>The absolute directory of the CA's files (registered by the silo, which knows its data directory).</summary>
/// <param name="Path">Absolute path.</param>
public sealed record CertificateDataDirectory(string Path);
