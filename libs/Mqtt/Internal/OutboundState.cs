namespace Twins.Mqtt.Internal;

internal enum OutboundState
{
    Queued,
    AwaitingPubAck,
    AwaitingPubRec,
    AwaitingPubComp,
}
