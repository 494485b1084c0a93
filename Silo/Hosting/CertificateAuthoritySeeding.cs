using Twins.Grains.Provisioning;

namespace Twins.Silo.Hosting;

/// <summary>
/// The rule that keeps one fleet CA in a cluster (the CA's journal and files assume one writer per folder):
/// the owner silo creates the CA and the ownership-token key in its own certificate folder; every other silo
/// copies the root certificate, the issuing certificate and key and the token key from
/// <see cref="ClusterHostingOptions.CertificateAuthoritySource"/> into its own folder before the CA opens,
/// waiting for the owner when they are not there yet. Each silo keeps its own issuing journal and CRL number.
/// Registered before the certificate grains, so it runs before the CA is opened.
/// </summary>
internal sealed partial class CertificateAuthoritySeeding(ClusterHostingOptions cluster, string certificateDirectory, TimeProvider time, ILogger<CertificateAuthoritySeeding> logger) : IHostedService
{
    /// <summary>The files copied from the source: what signs and what verifies, never the root key.</summary>
    public static readonly IReadOnlyList<string> SharedFiles = ["root.crt.pem", "issuing.crt.pem", "issuing.key.pem", TokenKeyFile];

    private const string TokenKeyFile = "ownership-token.key";
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static bool HasAuthority(string directory) => SharedFiles.All(f => File.Exists(Path.Combine(directory, f)));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        CreateDirectory(certificateDirectory);
        if (cluster.CertificateAuthorityOwner)
        {
            // The CA itself is created when the certificate grains' start-up opens it; the token key is
            // otherwise created lazily, and the other silos must copy this one.
            await OwnershipTokenService.LoadOrCreateAsync(Path.Combine(certificateDirectory, TokenKeyFile), cancellationToken).ConfigureAwait(false);
            LogOwner(logger, certificateDirectory);
            return;
        }

        if (HasAuthority(certificateDirectory) || string.IsNullOrWhiteSpace(cluster.CertificateAuthoritySource))
        {
            return;
        }

        var source = Path.GetFullPath(cluster.CertificateAuthoritySource);
        var deadline = time.GetUtcNow() + cluster.CertificateAuthorityWait;
        var logged = false;
        while (!HasAuthority(source))
        {
            if (time.GetUtcNow() >= deadline)
            {
                throw new InvalidOperationException(
                    $"{ClusterHostingOptions.SectionName}:CertificateAuthoritySource '{source}' still lacks {string.Join(", ", SharedFiles.Where(f => !File.Exists(Path.Combine(source, f))))} "
                    + $"after {cluster.CertificateAuthorityWait}: start the silo with {ClusterHostingOptions.SectionName}:CertificateAuthorityOwner=true first, or provide the files.");
            }

            if (!logged)
            {
                LogWaiting(logger, source);
                logged = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var file in SharedFiles)
        {
            var target = Path.Combine(certificateDirectory, file);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            File.Copy(Path.Combine(source, file), temporary);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, FileMode);
            }

            File.Move(temporary, target, overwrite: true);
        }

        LogCopied(logger, source, certificateDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "This silo owns the fleet CA (certificate folder {Directory}); the other silos copy it")]
    private static partial void LogOwner(ILogger logger, string directory);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Waiting for the fleet CA's owner to create it in {Source}")]
    private static partial void LogWaiting(ILogger logger, string source);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Copied the fleet CA from {Source} into {Directory}")]
    private static partial void LogCopied(ILogger logger, string source, string directory);
}
