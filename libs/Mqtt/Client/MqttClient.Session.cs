using Twins.Mqtt.Formatter;
using Twins.Mqtt.Internal;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

public sealed partial class MqttClient
{
    void IMqttConnectionOwner.OnPacket(MqttConnection connection, MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPublishPacket publish:
                OnPublish(connection, publish);
                break;
            case MqttPubAckPacket ack:
                CompleteOutbound(ack, OutboundState.AwaitingPubAck);
                break;
            case MqttPubRecPacket rec:
                OnPubRec(connection, rec);
                break;
            case MqttPubCompPacket comp:
                CompleteOutbound(comp, OutboundState.AwaitingPubComp);
                break;
            case MqttPubRelPacket rel:
                bool known;
                lock (_gate)
                {
                    known = _inbound.Remove(rel.PacketIdentifier);
                }

                if (!known)
                {
                    UnknownAcknowledgement(rel.Type, rel.PacketIdentifier);
                }

                connection.TrySend(new MqttPubCompPacket
                {
                    PacketIdentifier = rel.PacketIdentifier,
                    ReasonCode = known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
                });
                break;
            case MqttSubAckPacket or MqttUnsubAckPacket:
                var id = packet is MqttSubAckPacket s ? s.PacketIdentifier : ((MqttUnsubAckPacket)packet).PacketIdentifier;
                TaskCompletionSource<MqttPacket>? request;
                lock (_gate)
                {
                    _requests.Remove(id, out request);
                }

                if (request is null)
                {
                    UnknownAcknowledgement(packet.Type, id);
                }
                else
                {
                    request.TrySetResult(packet);
                }

                break;
            case MqttAuthPacket:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "AUTH received although no authentication method was sent.");
            default:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"Unexpected {packet.Type}.");
        }
    }

    private void UnknownAcknowledgement(MqttPacketType type, ushort packetIdentifier)
    {
        var count = Interlocked.Increment(ref Statistics.UnknownAcknowledgementsCount);
        // Log the first few and then every thousandth, so a misbehaving broker cannot flood the log.
        if (count <= 10 || count % 1000 == 0)
        {
            LogUnknownAcknowledgement(_logger, type, packetIdentifier, count);
        }
    }

    private void OnPubRec(MqttConnection connection, MqttPubRecPacket rec)
    {
        OutboundEntry? failed = null;
        lock (_gate)
        {
            if (!_inflight.TryGetValue(rec.PacketIdentifier, out var entry) || entry.State == OutboundState.AwaitingPubAck)
            {
                UnknownAcknowledgement(rec.Type, rec.PacketIdentifier);
                connection.TrySend(new MqttPubRelPacket { PacketIdentifier = rec.PacketIdentifier, ReasonCode = MqttReasonCode.PacketIdentifierNotFound });
                return;
            }

            if ((int)rec.ReasonCode >= 0x80)
            {
                RemoveInflightLocked(entry);
                failed = entry;
            }
            else
            {
                // A repeated PUBREC (after resume) is answered with PUBREL again; the PUBLISH is never resent after this.
                entry.State = OutboundState.AwaitingPubComp;
                connection.TrySend(new MqttPubRelPacket { PacketIdentifier = rec.PacketIdentifier });
            }
        }

        if (failed is not null)
        {
            failed.Completion.TrySetResult(ToResult(rec));
        }
    }

    private void CompleteOutbound(MqttAckPacket ack, OutboundState expected)
    {
        OutboundEntry? entry;
        lock (_gate)
        {
            if (!_inflight.TryGetValue(ack.PacketIdentifier, out entry) || entry.State != expected)
            {
                entry = null;
            }
            else
            {
                RemoveInflightLocked(entry);
            }
        }

        if (entry is null)
        {
            UnknownAcknowledgement(ack.Type, ack.PacketIdentifier);
            return;
        }

        Interlocked.Increment(ref Statistics.PublishedCount);
        entry.Completion.TrySetResult(ToResult(ack));
    }

    private void RemoveInflightLocked(OutboundEntry entry)
    {
        _inflight.Remove(entry.Packet.PacketIdentifier);
        PumpLocked();
    }

    private static MqttClientPublishResult ToResult(MqttAckPacket ack) => new()
    {
        ReasonCode = ack.ReasonCode,
        PacketIdentifier = ack.PacketIdentifier,
        ReasonString = ack.Properties?.ReasonString,
        UserProperties = ack.Properties?.UserProperties ?? (IReadOnlyList<MqttUserProperty>)[],
    };

    private void OnPublish(MqttConnection connection, MqttPublishPacket publish)
    {
        var message = ToApplicationMessage(publish);
        if (publish.Qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            Deliver(message, 0, null);
            return;
        }

        InboundDelivery delivery;
        lock (_gate)
        {
            if (_inbound.TryGetValue(publish.PacketIdentifier, out var state))
            {
                // A redelivery of a message the application already has: never hand it over twice.
                Interlocked.Increment(ref Statistics.DuplicatesDroppedCount);
                if (state.Acknowledged)
                {
                    if (state.ExactlyOnce)
                    {
                        connection.TrySend(new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier });
                    }
                    else
                    {
                        _inbound.Remove(publish.PacketIdentifier);
                        connection.TrySend(new MqttPubAckPacket { PacketIdentifier = publish.PacketIdentifier });
                    }
                }

                return;
            }

            // A broker must stop at our Receive Maximum, but mosquitto 2.0.11 does not (it keeps sending
            // while a consumer lags; see ManyQoS1 test). Disconnecting would make the client unusable with
            // it, so an overshoot is counted and logged once per connection; the hard stop (0x93) is when
            // every packet identifier is taken, which also bounds memory.
            var receiveMaximum = _options?.ReceiveMaximum ?? ushort.MaxValue;
            if (_inbound.Count >= receiveMaximum)
            {
                if (_inbound.Count >= ushort.MaxValue - 1)
                {
                    throw new MqttProtocolException(MqttReasonCode.ReceiveMaximumExceeded, $"The broker sent {_inbound.Count} unacknowledged QoS 1/2 messages (Receive Maximum {receiveMaximum}).");
                }

                if (Interlocked.Increment(ref Statistics.ReceiveMaximumExceededCount) == 1 || connection != _lastOvershootConnection)
                {
                    _lastOvershootConnection = connection;
                    LogReceiveMaximumExceeded(_logger, receiveMaximum);
                }
            }

            // Record the id before delivering so a repeat before the acknowledgement is dropped.
            _inbound[publish.PacketIdentifier] = new InboundState(publish.Qos == MqttQualityOfServiceLevel.ExactlyOnce);
            delivery = new InboundDelivery(this, publish.PacketIdentifier, publish.Qos, _sessionEpoch);
        }

        Deliver(message, publish.PacketIdentifier, delivery);
    }

    private void Deliver(MqttApplicationMessage message, ushort packetIdentifier, InboundDelivery? delivery)
    {
        MqttMessageConsumer? single = null;
        List<MqttMessageConsumer>? several = null;
        lock (_gate)
        {
            if (message.SubscriptionIdentifiers.Count > 0)
            {
                foreach (var id in message.SubscriptionIdentifiers)
                {
                    if (_consumersBySubscriptionId.TryGetValue(id, out var consumer))
                    {
                        AddTarget(consumer, ref single, ref several);
                    }
                }
            }
            else
            {
                foreach (var record in _subscriptions)
                {
                    foreach (var filter in record.Filters)
                    {
                        if (MqttTopic.Matches(MqttTopic.StripShare(filter.Topic), message.Topic))
                        {
                            AddTarget(record.Consumer, ref single, ref several);
                            break;
                        }
                    }
                }
            }

            single ??= _defaultConsumer ??= new MqttMessageConsumer(_options?.DefaultConsumer ?? new MqttMessageConsumerOptions(), null);
        }

        Interlocked.Increment(ref Statistics.ReceivedCount);
        if (several is null)
        {
            Offer(single, message, packetIdentifier, delivery);
        }
        else
        {
            foreach (var consumer in several)
            {
                Offer(consumer, message, packetIdentifier, delivery);
            }
        }

        // Deliver held one reference itself; the acknowledgement goes out once every consumer has released theirs.
        delivery?.Release();
    }

    private static void Offer(MqttMessageConsumer consumer, MqttApplicationMessage message, ushort packetIdentifier, InboundDelivery? delivery)
    {
        delivery?.AddConsumer();
        if (!consumer.TryEnqueue(new MqttReceivedMessage(message, packetIdentifier, delivery)))
        {
            delivery?.Release();
        }
    }

    private static void AddTarget(MqttMessageConsumer consumer, ref MqttMessageConsumer? single, ref List<MqttMessageConsumer>? several)
    {
        if (single is null)
        {
            single = consumer;
            return;
        }

        if (single == consumer || several?.Contains(consumer) == true)
        {
            return;
        }

        several ??= [single];
        several.Add(consumer);
    }

    void IInboundAcknowledger.Acknowledge(InboundDelivery delivery)
    {
        lock (_gate)
        {
            if (delivery.SessionEpoch != _sessionEpoch || !_inbound.TryGetValue(delivery.PacketIdentifier, out var state))
            {
                return;
            }

            state.Acknowledged = true;
            if (_connection is not { IsClosed: false } connection)
            {
                // Answered when the broker redelivers after the session resumes.
                return;
            }

            if (state.ExactlyOnce)
            {
                connection.TrySend(new MqttPubRecPacket { PacketIdentifier = delivery.PacketIdentifier });
            }
            else
            {
                _inbound.Remove(delivery.PacketIdentifier);
                connection.TrySend(new MqttPubAckPacket { PacketIdentifier = delivery.PacketIdentifier });
            }
        }
    }

    /// <summary>Session resumed: resend unacknowledged PUBLISH (DUP) and PUBREL with their original ids, in order.</summary>
    private void ResendLocked(MqttConnection connection)
    {
        foreach (var entry in InflightInSendOrderLocked())
        {
            if (entry.State == OutboundState.AwaitingPubComp)
            {
                connection.TrySend(new MqttPubRelPacket { PacketIdentifier = entry.Packet.PacketIdentifier });
            }
            else if (!FitsLocked(entry.Packet))
            {
                _inflight.Remove(entry.Packet.PacketIdentifier);
                FailTooLarge(entry);
            }
            else
            {
                entry.Packet.Dup = true;
                connection.TrySend(entry.Packet);
            }
        }
    }

    /// <summary>The broker has no session: drop ours. Returns entries to complete outside the lock.</summary>
    private List<(OutboundEntry Entry, bool Delivered)> DiscardSessionLocked()
    {
        _sessionEpoch++;
        _inbound.Clear();
        var finished = new List<(OutboundEntry, bool)>();
        var requeue = new List<OutboundEntry>();
        foreach (var entry in InflightInSendOrderLocked())
        {
            if (entry.State == OutboundState.AwaitingPubComp)
            {
                // PUBREC came back: the broker had taken ownership of the message.
                finished.Add((entry, true));
            }
            else if (_options?.RepublishAfterSessionLoss == true)
            {
                entry.Packet.Dup = false;
                entry.Packet.PacketIdentifier = 0;
                entry.State = OutboundState.Queued;
                requeue.Add(entry);
            }
            else
            {
                finished.Add((entry, false));
            }
        }

        _inflight.Clear();
        if (requeue.Count > 0)
        {
            _queued = new Queue<OutboundEntry>(requeue.Concat(_queued));
        }

        return finished;
    }

    private OutboundEntry[] InflightInSendOrderLocked()
    {
        var entries = _inflight.Values.ToArray();
        Array.Sort(entries, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return entries;
    }
}
