using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Twins.Mqtt.Formatter;
using Twins.Mqtt.Internal;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>
/// MQTT 5.0 client with client-side session resume, flow control, bounded consumers with
/// application acknowledgements and one reconnect state machine (exponential backoff with full jitter).
/// Thread-safe.
/// </summary>
public sealed partial class MqttClient : IMqttClient, IMqttConnectionOwner, IInboundAcknowledger
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly Dictionary<ushort, OutboundEntry> _inflight = [];
    private Queue<OutboundEntry> _queued = new();
    private readonly Dictionary<ushort, TaskCompletionSource<MqttPacket>> _requests = [];
    private readonly Dictionary<ushort, InboundState> _inbound = [];
    private readonly List<SubscriptionRecord> _subscriptions = [];
    private readonly Dictionary<uint, MqttMessageConsumer> _consumersBySubscriptionId = [];
    private MqttMessageConsumer? _defaultConsumer;
    private MqttClientOptions? _options;
    private MqttConnection? _connection;
    private MqttConnection? _lastOvershootConnection;
    private MqttClientConnectResult? _connectResult;
    private Task? _supervisor;
    private CancellationTokenSource? _supervisorCancellation;
    private string _clientId = "";
    private ushort _lastPacketIdentifier;
    private long _sendSequence;
    private uint _lastSubscriptionIdentifier;
    private int _sendQuota = ushort.MaxValue;
    private long _sessionEpoch;
    private bool _hasSessionState;
    private bool _connecting;
    private bool _disposed;

    /// <summary>Creates a client; nothing happens until <see cref="ConnectAsync"/>.</summary>
    public MqttClient(ILogger<MqttClient>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public event Func<MqttClientConnectedEventArgs, Task>? ConnectedAsync;

    /// <inheritdoc />
    public event Func<MqttClientDisconnectedEventArgs, Task>? DisconnectedAsync;

    /// <inheritdoc />
    public bool IsConnected => Volatile.Read(ref _connection) is { IsClosed: false };

    /// <inheritdoc />
    public MqttClientOptions? Options => _options;

    /// <summary>The client identifier in use (the broker's assigned one when the options had none).</summary>
    public string ClientId => _clientId;

    /// <summary>Counters for metrics and tests.</summary>
    public MqttClientStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public MqttMessageConsumer ApplicationMessages
    {
        get
        {
            lock (_gate)
            {
                // Created only from the connect's options: a consumer made earlier with defaults would silently
                // replace MqttClientOptions.DefaultConsumer (auto-acknowledging what the caller meant to ack after handling).
                return _defaultConsumer ?? throw new InvalidOperationException(
                    "ApplicationMessages is available after ConnectAsync: the default consumer takes its options from MqttClientOptions.DefaultConsumer.");
            }
        }
    }

    /// <summary>QoS 1/2 messages sent and not yet finally acknowledged.</summary>
    public int InflightCount
    {
        get
        {
            lock (_gate)
            {
                return _inflight.Count;
            }
        }
    }

    /// <inheritdoc />
    public MqttMessageConsumer CreateConsumer(MqttMessageConsumerOptions? options = null) =>
        new(options ?? new MqttMessageConsumerOptions(), RemoveConsumer);

    /// <inheritdoc />
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage applicationMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationMessage);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!MqttTopic.IsValidTopicName(applicationMessage.Topic))
        {
            throw new ArgumentException($"'{applicationMessage.Topic}' is not a valid topic name (empty or contains wildcards).", nameof(applicationMessage));
        }

        if (applicationMessage.ResponseTopic is { } responseTopic && !MqttTopic.IsValidTopicName(responseTopic))
        {
            throw new ArgumentException($"Response Topic '{responseTopic}' must not be empty or contain wildcards.", nameof(applicationMessage));
        }

        var packet = ToPacket(applicationMessage);
        MqttConnection? connection;
        MqttClientConnectResult? negotiated;
        lock (_gate)
        {
            connection = _connection;
            negotiated = _connectResult;
            if (negotiated is null || (_supervisor is null && connection is null))
            {
                throw new MqttClientNotConnectedException();
            }
        }

        if (packet.Qos > negotiated.MaximumQoS)
        {
            throw new MqttProtocolException(MqttReasonCode.QoSNotSupported, $"The broker accepts at most QoS {(int)negotiated.MaximumQoS}.");
        }

        if (packet.Retain && !negotiated.RetainAvailable)
        {
            throw new MqttProtocolException(MqttReasonCode.RetainNotSupported, "The broker does not support retained messages.");
        }

        // Measure exactly only when a cheap upper bound does not already fit.
        var bound = packet.Properties is null ? 16L + (3L * packet.Topic.Length) + packet.Payload.Length : long.MaxValue;
        var size = bound <= negotiated.MaximumPacketSize ? 0 : MqttPacketFormatter.GetSize(packet);
        if ((uint)size > negotiated.MaximumPacketSize)
        {
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"The message needs {size} bytes; the broker accepts at most {negotiated.MaximumPacketSize}.");
        }

        if (packet.Qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            if (connection is null || !connection.TrySend(packet))
            {
                throw new MqttClientNotConnectedException();
            }

            Interlocked.Increment(ref Statistics.PublishedCount);
            return MqttClientPublishResult.QoS0Written;
        }

        var entry = new OutboundEntry(packet);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queued.Enqueue(entry);
            PumpLocked();
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return await entry.Completion.Task.ConfigureAwait(false);
        }

        // Cancelling withdraws a message not sent yet (the pump skips it); once sent the message belongs
        // to the session, which still completes its flow; only the caller stops waiting.
        using var registration = cancellationToken.Register(static state => ((OutboundEntry)state!).Completion.TrySetCanceled(), entry);
        return await entry.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Sends queued QoS 1/2 publishes while the broker's Receive Maximum allows. Caller holds <see cref="_gate"/>.</summary>
    private void PumpLocked()
    {
        while (_connection is { IsClosed: false } connection && _queued.TryPeek(out var entry) && _inflight.Count < _sendQuota)
        {
            if (entry.Completion.Task.IsCompleted)
            {
                // Cancelled before it was sent.
                _queued.Dequeue();
                continue;
            }

            var identifier = NextPacketIdentifierLocked();
            if (identifier == 0)
            {
                return;
            }

            _queued.Dequeue();
            if (!FitsLocked(entry.Packet))
            {
                FailTooLarge(entry);
                continue;
            }

            entry.Packet.PacketIdentifier = identifier;
            entry.State = entry.Packet.Qos == MqttQualityOfServiceLevel.AtLeastOnce ? OutboundState.AwaitingPubAck : OutboundState.AwaitingPubRec;
            entry.Sequence = ++_sendSequence;
            _inflight[identifier] = entry;
            connection.TrySend(entry.Packet);
        }
    }

    /// <summary>False when the broker of this connection announced a smaller Maximum Packet Size than the packet needs.</summary>
    private bool FitsLocked(MqttPublishPacket packet) =>
        _connectResult is not { } negotiated || negotiated.MaximumPacketSize >= MqttPacketFormatter.AbsoluteMaximumPacketSize
        || (uint)MqttPacketFormatter.GetSize(packet) <= negotiated.MaximumPacketSize;

    private static void FailTooLarge(OutboundEntry entry) =>
        ThreadPool.UnsafeQueueUserWorkItem(static e => e.Completion.TrySetException(
            new MqttProtocolException(MqttReasonCode.PacketTooLarge, "The message is larger than the broker's Maximum Packet Size on this connection.")), entry, preferLocal: false);

    /// <summary>Next free packet identifier, skipping 0 and every id still in flight; 0 when all are taken.</summary>
    private ushort NextPacketIdentifierLocked()
    {
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            _lastPacketIdentifier = _lastPacketIdentifier == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketIdentifier + 1);
            if (!_inflight.ContainsKey(_lastPacketIdentifier) && !_requests.ContainsKey(_lastPacketIdentifier))
            {
                return _lastPacketIdentifier;
            }
        }

        return 0;
    }

    private void RemoveConsumer(MqttMessageConsumer consumer)
    {
        lock (_gate)
        {
            foreach (var (id, c) in _consumersBySubscriptionId.ToArray())
            {
                if (c == consumer)
                {
                    _consumersBySubscriptionId.Remove(id);
                }
            }
        }
    }

    internal static MqttPublishPacket ToPacket(MqttApplicationMessage message)
    {
        MqttProperties? properties = null;
        if (message.PayloadFormatIndicator != MqttPayloadFormatIndicator.Unspecified || message.MessageExpiryInterval != 0 || message.ContentType is not null
            || message.ResponseTopic is not null || !message.CorrelationData.IsEmpty || message.UserProperties.Count > 0)
        {
            properties = new MqttProperties
            {
                PayloadFormatIndicator = message.PayloadFormatIndicator == MqttPayloadFormatIndicator.Unspecified ? null : (byte)message.PayloadFormatIndicator,
                MessageExpiryInterval = message.MessageExpiryInterval == 0 ? null : message.MessageExpiryInterval,
                ContentType = message.ContentType,
                ResponseTopic = message.ResponseTopic,
                CorrelationData = message.CorrelationData.IsEmpty ? null : message.CorrelationData.ToArray(),
                UserProperties = message.UserProperties.Count > 0 ? [.. message.UserProperties] : null,
            };
        }

        return new MqttPublishPacket
        {
            Topic = message.Topic,
            Payload = message.Payload,
            Qos = message.QualityOfServiceLevel,
            Retain = message.Retain,
            Properties = properties,
        };
    }

    internal static MqttApplicationMessage ToApplicationMessage(MqttPublishPacket packet)
    {
        var p = packet.Properties;
        return new MqttApplicationMessage
        {
            Topic = packet.Topic,
            Payload = packet.Payload,
            QualityOfServiceLevel = packet.Qos,
            Retain = packet.Retain,
            Dup = packet.Dup,
            PayloadFormatIndicator = (MqttPayloadFormatIndicator)(p?.PayloadFormatIndicator ?? 0),
            MessageExpiryInterval = p?.MessageExpiryInterval ?? 0,
            ContentType = p?.ContentType,
            ResponseTopic = p?.ResponseTopic,
            CorrelationData = p?.CorrelationData,
            UserProperties = p?.UserProperties ?? (IReadOnlyList<MqttUserProperty>)[],
            SubscriptionIdentifiers = p?.SubscriptionIdentifiers ?? (IReadOnlyList<uint>)[],
        };
    }
}
