using System.Security.Cryptography.X509Certificates;
using Twins.Grains.Certificates;

namespace Twins.Silo.Cli;

/// <summary>
/// <c>Twins.Silo claim --out DIR [--name twins-claim] [--data .twins] [--ca-directory ca]</c> (what
/// <c>./twins claim</c> runs): issues a claim certificate for fleet provisioning from the silo's
/// certificate authority (created on first use) and writes <c>claim.crt.pem</c> and
/// <c>claim.key.pem</c> (owner-only) to <c>DIR</c>. Idempotent per name: asking again hands out the same
/// certificate and key. The CA's issuing journal has one writer, so while a silo holds the same data
/// directory the command refuses instead of appending to it behind the silo's back.
/// </summary>
internal static class ClaimCertificateCommand
{
    public const string DefaultName = "twins-claim";
    public const string CertificateFile = "claim.crt.pem";
    public const string KeyFile = "claim.key.pem";

    private const string Usage = "usage: claim --out DIR [--name twins-claim] [--data .twins] [--ca-directory ca]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        string data = Hosting.SiloHostOptions.DefaultDataDirectory, name = DefaultName, caDirectory = "ca";
        string? outDirectory = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null:
                    outDirectory = value;
                    break;
                case "--name" when value is not null:
                    name = value;
                    break;
                case "--data" or "--Twins:DataDirectory" when value is not null:
                    data = value;
                    break;
                case "--ca-directory" or "--Certificates:DataDirectory" when value is not null:
                    caDirectory = value;
                    break;
                default:
                    error.WriteLine(Usage);
                    return 2;
            }

            i++;
        }

        if (outDirectory is null)
        {
            error.WriteLine(Usage);
            return 2;
        }

        var certificateFile = Path.Combine(outDirectory, CertificateFile);
        var keyFile = Path.Combine(outDirectory, KeyFile);
        var caPath = Path.GetFullPath(Path.Combine(data, caDirectory));
        if (AlreadyIssued(certificateFile, keyFile, name, caPath))
        {
            output.WriteLine(certificateFile);
            output.WriteLine(keyFile);
            return 0;
        }

        if (JournalInUse(Path.Combine(caPath, "issued.jsonl")))
        {
            error.WriteLine($"a running silo holds the certificate authority in {caPath}; stop it and run this again (./twins run issues its demo claim certificate before it starts the silo)");
            return 1;
        }

        IssuedCertificate issued;
        using (var authority = await InProcessCertificateAuthority.OpenAsync(new CertificateAuthorityOptions { DataDirectory = caPath }, TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
            var result = await authority.IssueClaimCertificateAsync("claim:" + name, name, cancellationToken).ConfigureAwait(false);
            if (result.Certificate is not { PrivateKeyPem: not null } certificate)
            {
                error.WriteLine($"could not issue claim certificate '{name}': {result.Error?.Message}");
                return 1;
            }

            issued = certificate;
        }

        Directory.CreateDirectory(outDirectory);
        await WriteOwnerOnlyAsync(keyFile, issued.PrivateKeyPem!, cancellationToken).ConfigureAwait(false);
        await WriteOwnerOnlyAsync(certificateFile, issued.CertificatePem, cancellationToken).ConfigureAwait(false);
        output.WriteLine(certificateFile);
        output.WriteLine(keyFile);
        return 0;
    }

    /// <summary>True when <c>DIR</c> already holds a current claim certificate named <paramref name="name"/> from this CA, with its key.</summary>
    private static bool AlreadyIssued(string certificateFile, string keyFile, string name, string caPath)
    {
        var issuingFile = Path.Combine(caPath, "issuing.crt.pem");
        if (!File.Exists(certificateFile) || !File.Exists(keyFile) || !File.Exists(issuingFile))
        {
            return false;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            using var issuing = X509Certificate2.CreateFromPem(File.ReadAllText(issuingFile));
            var now = TimeProvider.System.GetUtcNow();
            return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == name
                && certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuing.SubjectName.RawData)
                && certificate.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1)
                && certificate.HasPrivateKey;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>True when another process holds the journal open (a silo), detected with an exclusive advisory lock.</summary>
    private static bool JournalInUse(string journal)
    {
        if (!File.Exists(journal))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(journal, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
