namespace Twins.Mqtt.Client;

/// <summary>Counters of one client, for metrics and for tests.</summary>
public sealed class MqttClientStatistics
{
    internal long PublishedCount;
    internal long ReceivedCount;
    internal long DuplicatesDroppedCount;
    internal long UnknownAcknowledgementsCount;
    internal long ProtocolViolationsCount;
    internal long ReconnectsCount;
    internal long ReceiveMaximumExceededCount;

    /// <summary>Messages whose publish completed (QoS 0 written, QoS 1/2 acknowledged).</summary>
    public long Published => Interlocked.Read(ref PublishedCount);

    /// <summary>Messages delivered to consumers (after duplicate suppression).</summary>
    public long Received => Interlocked.Read(ref ReceivedCount);

    /// <summary>Redelivered QoS 1/2 messages not handed to the application again.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref DuplicatesDroppedCount);

    /// <summary>Acknowledgements for packet identifiers not in flight (logged and ignored).</summary>
    public long UnknownAcknowledgements => Interlocked.Read(ref UnknownAcknowledgementsCount);

    /// <summary>Connections closed because the broker broke the protocol.</summary>
    public long ProtocolViolations => Interlocked.Read(ref ProtocolViolationsCount);

    /// <summary>QoS 1/2 messages the broker sent beyond this client's Receive Maximum (mosquitto 2.0 does).</summary>
    public long ReceiveMaximumExceeded => Interlocked.Read(ref ReceiveMaximumExceededCount);

    /// <summary>Successful automatic reconnects.</summary>
    public long Reconnects => Interlocked.Read(ref ReconnectsCount);
}
