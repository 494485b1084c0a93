namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>
/// The port through which vehicle grains publish (implemented by the gateway). Messages handed over by
/// one call are published at QoS 1 in the order given; <see cref="Publish"/> only queues them, it never
/// waits on the network, so a grain turn is not held by the broker.
/// </summary>
public interface IVehicleOutbound
{
    /// <summary>Queues <paramref name="messages"/> for publishing, in order.</summary>
    void Publish(IReadOnlyList<OutboundMessage> messages);
}
