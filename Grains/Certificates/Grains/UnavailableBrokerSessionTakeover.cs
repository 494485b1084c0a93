using Microsoft.Extensions.Logging;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The takeover port of a silo without a gateway: nothing to take over with; the caller retries later.</summary>
internal sealed partial class UnavailableBrokerSessionTakeover(ILogger<UnavailableBrokerSessionTakeover> logger) : IBrokerSessionTakeover
{
    public Task<bool> TakeOverAsync(string clientId, CancellationToken cancellationToken = default)
    {
        LogUnavailable(logger, clientId);
        return Task.FromResult(false);
    }

    [LoggerMessage(EventId = 8105, Level = LogLevel.Warning, Message = "Cannot end {ClientId}'s connection by a broker-side takeover: this silo runs no gateway")]
    private static partial void LogUnavailable(ILogger logger, string clientId);
}
