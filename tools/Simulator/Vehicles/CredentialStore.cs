using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Simulator;

/// <summary>
/// A vehicle's credentials on disk under <c>{data}/vehicles/{VIN}/</c>: <c>thing-name</c>,
/// <c>private-key.pem</c> (PKCS#8), <c>certificate.pem</c>, <c>certificate-id</c> and, during a
/// certificate rotation, <c>rotation-key.pem</c>; <c>revoked-certificate-id</c> once Twins said the
/// certificate in use was revoked. Files are written to a temp name and renamed so a
/// crash never leaves half a key.
/// </summary>
internal sealed class CredentialStore
{
    private readonly string _directory;

    public CredentialStore(string dataDirectory, string vin)
    {
        _directory = Path.Combine(dataDirectory, "vehicles", vin);
    }

    public string Directory => _directory;

    /// <summary>The thing name given at provisioning, or null before.</summary>
    public string? ThingName => Read("thing-name")?.Trim();

    /// <summary>The id of the certificate in use.</summary>
    public string? CertificateId => Read("certificate-id")?.Trim();

    /// <summary>True when the certificate in use was revoked (a new certificate, by rotation or provisioning, clears it).</summary>
    public bool IsCertificateRevoked => CertificateId is { } id && string.Equals(Read("revoked-certificate-id")?.Trim(), id, StringComparison.OrdinalIgnoreCase);

    /// <summary>Records that <paramref name="certificateId"/> was revoked, so the vehicle (also after a restart) stops connecting with it.</summary>
    public void MarkRevoked(string certificateId) => Write("revoked-certificate-id", certificateId);

    /// <summary>True once a thing name, key and certificate are all on disk.</summary>
    public bool IsProvisioned => ThingName is not null && File.Exists(PathOf("private-key.pem")) && File.Exists(PathOf("certificate.pem"));

    /// <summary>Loads (or creates and saves) the private key: a vehicle keeps its key across restarts.</summary>
    public ECDsa LoadOrCreateKey(string file = "private-key.pem")
    {
        var pem = Read(file);
        var key = ECDsa.Create();
        if (pem is not null)
        {
            key.ImportFromPem(pem);
            return key;
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Write(file, key.ExportPkcs8PrivateKeyPem());
        return key;
    }

    /// <summary>A new key for a certificate rotation, kept apart until its certificate is installed.</summary>
    public ECDsa CreateRotationKey()
    {
        Delete("rotation-key.pem");
        return LoadOrCreateKey("rotation-key.pem");
    }

    /// <summary>The rotation key, if a rotation is under way.</summary>
    public ECDsa? LoadRotationKey() => File.Exists(PathOf("rotation-key.pem")) ? LoadOrCreateKey("rotation-key.pem") : null;

    /// <summary>A PKCS#10 request for <paramref name="commonName"/> signed by <paramref name="key"/>.</summary>
    public static string CreateSigningRequestPem(ECDsa key, string commonName) =>
        new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

    /// <summary>Saves what provisioning returned.</summary>
    public void SaveProvisioned(string thingName, string certificateId, string certificatePem)
    {
        Write("certificate.pem", certificatePem);
        Write("certificate-id", certificateId);
        Write("thing-name", thingName);
    }

    /// <summary>
    /// Installs a rotated certificate: it must belong to the rotation key, which then replaces the old key.
    /// Returns false (nothing changed) when there is no rotation key or the certificate is not for it.
    /// </summary>
    public bool InstallRotated(string certificateId, string certificatePem)
    {
        var rotationKeyPem = Read("rotation-key.pem");
        if (rotationKeyPem is null)
        {
            return false;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem, rotationKeyPem);
        }
        catch (CryptographicException)
        {
            return false;
        }

        Write("certificate.pem", certificatePem);
        Write("certificate-id", certificateId);
        Write("private-key.pem", rotationKeyPem);
        Delete("rotation-key.pem");
        return true;
    }

    /// <summary>The certificate with its private key, for mutual TLS; null before provisioning.</summary>
    public X509Certificate2? LoadClientCertificate()
    {
        var certificate = Read("certificate.pem");
        var key = Read("private-key.pem");
        if (certificate is null || key is null)
        {
            return null;
        }

        return X509Certificate2.CreateFromPem(certificate, key);
    }

    private string PathOf(string file) => Path.Combine(_directory, file);

    private string? Read(string file)
    {
        var path = PathOf(file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private void Write(string file, string content)
    {
        System.IO.Directory.CreateDirectory(_directory);
        var path = PathOf(file);
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    private void Delete(string file)
    {
        var path = PathOf(file);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
