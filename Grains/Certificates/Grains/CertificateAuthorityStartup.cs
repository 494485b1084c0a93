using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Twins.Grains.Certificates.Grains;

/// <summary>
/// Opens the CA when the silo starts, so that its chain and CRL files (the broker's <c>cafile</c> and
/// <c>crlfile</c>) exist before anything connects: on first start the root and issuing CA are created.
/// </summary>
internal sealed partial class CertificateAuthorityStartup(CertificateServices services, ILogger<CertificateAuthorityStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var authority = await services.AuthorityAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        LogReady(logger, authority.ChainFile, authority.CrlFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Certificate authority ready: chain {ChainFile}, CRL {CrlFile}")]
    private static partial void LogReady(ILogger logger, string chainFile, string crlFile);
}
