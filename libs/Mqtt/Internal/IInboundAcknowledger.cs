namespace Twins.Mqtt.Internal;

/// <summary>Receives the application's acknowledgement of an inbound QoS 1/2 message.</summary>
internal interface IInboundAcknowledger
{
    void Acknowledge(InboundDelivery delivery);
}
