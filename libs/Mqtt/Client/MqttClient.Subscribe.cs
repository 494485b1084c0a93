using Twins.Mqtt.Internal;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <inheritdoc />
    public async Task<MqttClientSubscribeResult> SubscribeAsync(MqttClientSubscribeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopicFilters.Count == 0)
        {
            throw new ArgumentException("At least one topic filter is required.", nameof(options));
        }

        foreach (var filter in options.TopicFilters)
        {
            if (!MqttTopic.IsValidFilter(filter.Topic))
            {
                throw new ArgumentException($"'{filter.Topic}' is not a valid topic filter.", nameof(options));
            }

            if (filter.NoLocal && filter.Topic.StartsWith("$share/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"No Local is not allowed on the shared subscription '{filter.Topic}'.", nameof(options));
            }
        }

        MqttConnection connection;
        uint subscriptionIdentifier;
        MqttMessageConsumer consumer;
        MqttClientOptions clientOptions;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connection = _connection is { IsClosed: false } c ? c : throw new MqttClientNotConnectedException();
            clientOptions = _options!;
            consumer = options.Consumer ?? (_defaultConsumer ??= new MqttMessageConsumer(clientOptions.DefaultConsumer, null));
            subscriptionIdentifier = _connectResult!.SubscriptionIdentifiersAvailable ? ++_lastSubscriptionIdentifier : 0;
            if (subscriptionIdentifier != 0)
            {
                _consumersBySubscriptionId[subscriptionIdentifier] = consumer;
            }
        }

        var record = new SubscriptionRecord([.. options.TopicFilters], consumer, subscriptionIdentifier, options.UserProperties);
        var subAck = await SendSubscribeAsync(connection, record, clientOptions, cancellationToken).ConfigureAwait(false);
        var items = new List<(MqttTopicFilter, MqttReasonCode)>(options.TopicFilters.Count);
        lock (_gate)
        {
            var granted = new List<MqttTopicFilter>();
            for (var i = 0; i < options.TopicFilters.Count; i++)
            {
                var code = i < subAck.ReasonCodes.Count ? subAck.ReasonCodes[i] : MqttReasonCode.UnspecifiedError;
                items.Add((options.TopicFilters[i], code));
                if ((int)code < 0x80)
                {
                    granted.Add(options.TopicFilters[i]);
                }
            }

            // A new subscription with the same filter replaces the old one (§3.8.4).
            RemoveFiltersLocked(granted.Select(f => f.Topic));
            WarnAboutSharedAndPlainOverlapLocked(granted);
            if (granted.Count > 0)
            {
                record.Filters.Clear();
                record.Filters.AddRange(granted);
                _subscriptions.Add(record);
            }
            else if (subscriptionIdentifier != 0)
            {
                _consumersBySubscriptionId.Remove(subscriptionIdentifier);
            }
        }

        return new MqttClientSubscribeResult { Items = items, SubscriptionIdentifier = subscriptionIdentifier, ReasonString = subAck.Properties?.ReasonString };
    }

    /// <inheritdoc />
    public async Task<MqttClientUnsubscribeResult> UnsubscribeAsync(MqttClientUnsubscribeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopicFilters.Count == 0)
        {
            throw new ArgumentException("At least one topic filter is required.", nameof(options));
        }

        MqttConnection connection;
        TaskCompletionSource<MqttPacket> request = new(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort identifier;
        MqttClientOptions clientOptions;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connection = _connection is { IsClosed: false } c ? c : throw new MqttClientNotConnectedException();
            clientOptions = _options!;
            identifier = NextPacketIdentifierLocked();
            _requests[identifier] = request;
            RemoveFiltersLocked(options.TopicFilters);
        }

        var packet = new MqttUnsubscribePacket
        {
            PacketIdentifier = identifier,
            TopicFilters = [.. options.TopicFilters],
            Properties = options.UserProperties.Count > 0 ? new MqttProperties { UserProperties = [.. options.UserProperties] } : null,
        };
        var unsubAck = (MqttUnsubAckPacket)await AwaitResponseAsync(connection, packet, identifier, request, clientOptions, cancellationToken).ConfigureAwait(false);
        var items = new List<(string, MqttReasonCode)>();
        for (var i = 0; i < options.TopicFilters.Count; i++)
        {
            items.Add((options.TopicFilters[i], i < unsubAck.ReasonCodes.Count ? unsubAck.ReasonCodes[i] : MqttReasonCode.UnspecifiedError));
        }

        return new MqttClientUnsubscribeResult { Items = items };
    }

    private void RemoveFiltersLocked(IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                var record = _subscriptions[i];
                record.Filters.RemoveAll(f => f.Topic == topic);
                if (record.Filters.Count == 0)
                {
                    _subscriptions.RemoveAt(i);
                    if (record.SubscriptionIdentifier != 0)
                    {
                        _consumersBySubscriptionId.Remove(record.SubscriptionIdentifier);
                    }
                }
            }
        }
    }

    private async Task<MqttSubAckPacket> SendSubscribeAsync(MqttConnection connection, SubscriptionRecord record, MqttClientOptions options, CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort identifier;
        lock (_gate)
        {
            identifier = NextPacketIdentifierLocked();
            _requests[identifier] = request;
        }

        MqttProperties? properties = null;
        if (record.SubscriptionIdentifier != 0 || record.UserProperties.Count > 0)
        {
            properties = new MqttProperties
            {
                SubscriptionIdentifiers = record.SubscriptionIdentifier != 0 ? [record.SubscriptionIdentifier] : null,
                UserProperties = record.UserProperties.Count > 0 ? [.. record.UserProperties] : null,
            };
        }

        var packet = new MqttSubscribePacket { PacketIdentifier = identifier, TopicFilters = [.. record.Filters], Properties = properties };
        return (MqttSubAckPacket)await AwaitResponseAsync(connection, packet, identifier, request, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MqttPacket> AwaitResponseAsync(MqttConnection connection, MqttPacket packet, ushort identifier, TaskCompletionSource<MqttPacket> request, MqttClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            if (!connection.TrySend(packet))
            {
                throw new MqttClientNotConnectedException();
            }

            return await request.Task.WaitAsync(options.Timeout, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (_requests.TryGetValue(identifier, out var current) && current == request)
                {
                    _requests.Remove(identifier);
                }
            }
        }
    }

    private async Task ResubscribeAsync(MqttConnection connection, List<SubscriptionRecord> records, MqttClientOptions options)
    {
        foreach (var record in records)
        {
            try
            {
                var subAck = await SendSubscribeAsync(connection, record, options, CancellationToken.None).ConfigureAwait(false);
                if (subAck.ReasonCodes.Any(c => (int)c >= 0x80))
                {
                    LogResubscribeRefused(_logger, string.Join(", ", record.Filters.Select(f => f.Topic)), string.Join(", ", subAck.ReasonCodes));
                }
            }
            catch (Exception ex) when (ex is MqttClientNotConnectedException or TimeoutException)
            {
                // The connection dropped again; the next reconnect resubscribes.
                LogResubscribeRefused(_logger, string.Join(", ", record.Filters.Select(f => f.Topic)), ex.Message);
                return;
            }
        }
    }

    /// <summary>
    /// A plain filter next to a shared subscription of the same filter makes the broker deliver every
    /// message twice to this client (once per subscription): almost always a configuration mistake.
    /// </summary>
    private void WarnAboutSharedAndPlainOverlapLocked(List<MqttTopicFilter> granted)
    {
        foreach (var filter in granted)
        {
            var shared = filter.Topic.StartsWith("$share/", StringComparison.Ordinal);
            var bare = MqttTopic.StripShare(filter.Topic);
            foreach (var record in _subscriptions)
            {
                foreach (var existing in record.Filters)
                {
                    if (existing.Topic.StartsWith("$share/", StringComparison.Ordinal) != shared && MqttTopic.StripShare(existing.Topic) == bare)
                    {
                        LogSharedAndPlainOverlap(_logger, filter.Topic, existing.Topic);
                    }
                }
            }
        }
    }
}
