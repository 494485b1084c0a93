namespace Twins.Mqtt.Internal;

/// <summary>A received QoS 1/2 packet id the session remembers: until acknowledged (QoS 1) or until PUBREL (QoS 2).</summary>
internal sealed class InboundState(bool exactlyOnce)
{
    public bool ExactlyOnce { get; } = exactlyOnce;

    /// <summary>The application has acknowledged; the ack is owed or was sent.</summary>
    public bool Acknowledged { get; set; }
}
