using System.Threading.Channels;
using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Bench.Certificates;

/// <summary>Stands in for the gateway's publisher: command requests to vehicles are queued for the fake vehicle side.</summary>
internal sealed class CapturingOutbound : IVehicleOutbound
{
    private readonly Channel<OutboundMessage> _commands = Channel.CreateUnbounded<OutboundMessage>();

    public ChannelReader<OutboundMessage> Commands => _commands.Reader;

    public void Publish(IReadOnlyList<OutboundMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Topic.EndsWith("/request/json", StringComparison.Ordinal))
            {
                _commands.Writer.TryWrite(message);
            }
        }
    }
}
