using Microsoft.Extensions.Logging;
using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Grains.Vehicles;

/// <summary>The outbound port of a silo without a gateway: messages are dropped, counted and logged at debug level.</summary>
internal sealed partial class DroppingVehicleOutbound(ILogger<DroppingVehicleOutbound> logger) : IVehicleOutbound
{
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(IReadOnlyList<OutboundMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Interlocked.Add(ref _dropped, messages.Count);
        foreach (var message in messages)
        {
            LogDropped(logger, message.Topic);
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Debug, Message = "No gateway in this silo: message to {Topic} not published")]
    private static partial void LogDropped(ILogger logger, string topic);
}
