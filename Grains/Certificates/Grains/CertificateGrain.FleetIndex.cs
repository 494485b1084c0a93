using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.Grains.FleetIndex;

namespace Twins.Grains.Certificates.Grains;

/// <summary>After each state change: its row in the certificate index and the certificate columns of its vehicle's fleet index row.</summary>
internal sealed partial class CertificateGrain
{
    private async Task WriteFleetIndexAsync()
    {
        if (Record is not { ThingName: not null } record || ServiceProvider.GetService<IFleetIndex>() is not { } index)
        {
            return;
        }

        try
        {
            await index.UpsertCertificateAsync(ToInfo(record), Now);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The certificate's own state is durable; the row catches up on the next change.
            LogFleetIndexFailed(_logger, exception, record.CertificateId);
        }
    }

    [LoggerMessage(EventId = 8190, Level = LogLevel.Warning, Message = "Fleet index write for certificate {CertificateId} failed")]
    private static partial void LogFleetIndexFailed(ILogger logger, Exception exception, string certificateId);
}
