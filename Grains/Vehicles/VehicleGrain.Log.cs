using Microsoft.Extensions.Logging;

namespace Twins.Grains.Vehicles;

internal sealed partial class VehicleGrain
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Vehicle {Thing}: update of shadow {Shadow} with clientToken {ClientToken} was already applied; redelivery ignored")]
    private static partial void LogDuplicateUpdate(ILogger logger, string thing, string shadow, string clientToken);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Vehicle {Thing} silent for 1.5 x keep-alive: marked disconnected (MQTT_KEEP_ALIVE_TIMEOUT)")]
    private static partial void LogKeepAliveTimeout(ILogger logger, string thing);
}
