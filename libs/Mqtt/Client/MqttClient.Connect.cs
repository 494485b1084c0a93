using Twins.Mqtt.Formatter;
using Twins.Mqtt.Internal;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <inheritdoc />
    public async Task<MqttClientConnectResult> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connecting || _connection is { IsClosed: false } || _supervisor is { IsCompleted: false })
            {
                throw new InvalidOperationException("The client is already connected, connecting or reconnecting.");
            }

            if (_options is not null && _options.ClientId != options.ClientId)
            {
                // Another identity: the old session state does not belong to it.
                _hasSessionState = false;
            }

            _options = options;
            _defaultConsumer ??= new MqttMessageConsumer(options.DefaultConsumer, null);
            _connecting = true;
        }

        try
        {
            var (connection, result) = await ConnectOnceAsync(options, cancellationToken).ConfigureAwait(false);
            var cancellation = new CancellationTokenSource();
            lock (_gate)
            {
                _supervisorCancellation?.Dispose();
                _supervisorCancellation = cancellation;
                _supervisor = SuperviseAsync(connection, options, cancellation.Token);
            }

            await RaiseConnectedAsync(result, isReconnect: false).ConfigureAwait(false);
            return result;
        }
        finally
        {
            lock (_gate)
            {
                _connecting = false;
            }
        }
    }

    private static void Validate(MqttClientOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Host, nameof(options.Host));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReceiveMaximum, (ushort)1, nameof(options.ReceiveMaximum));
        if (options.KeepAlivePeriod < TimeSpan.Zero || options.KeepAlivePeriod.TotalSeconds > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.KeepAlivePeriod, "KeepAlivePeriod must be between 0 and 65,535 seconds.");
        }

        if (options.WillMessage is { } will && !MqttTopic.IsValidTopicName(will.Topic))
        {
            throw new ArgumentException($"Will topic '{will.Topic}' is not a valid topic name.", nameof(options));
        }
    }

    private async Task<(MqttConnection Connection, MqttClientConnectResult Result)> ConnectOnceAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        bool cleanStart;
        string clientId;
        lock (_gate)
        {
            // Reconnects always resume the session this client holds.
            cleanStart = !_hasSessionState && options.CleanStart;
            clientId = _hasSessionState && _clientId.Length > 0 ? _clientId : options.ClientId;
        }

        var (connection, connAck) = await MqttConnection.OpenAsync(options, BuildConnect(options, clientId, cleanStart), cancellationToken).ConfigureAwait(false);
        if ((int)connAck.ReasonCode >= 0x80)
        {
            connection.Dispose();
            throw new MqttConnectingFailedException($"The broker refused the connection: {connAck.ReasonCode} {connAck.Properties?.ReasonString}".TrimEnd(), connAck.ReasonCode);
        }

        bool hadState;
        lock (_gate)
        {
            hadState = _hasSessionState;
        }

        if (connAck.SessionPresent && !hadState && !options.AdoptBrokerSession)
        {
            // A session we know nothing about: the spec says close; start clean instead.
            LogUnexpectedSession(_logger, clientId);
            await connection.DisconnectAsync(new MqttDisconnectPacket { ReasonCode = MqttReasonCode.ProtocolError }, MqttDisconnectSource.Client, options.Timeout, cancellationToken).ConfigureAwait(false);
            connection.Dispose();
            (connection, connAck) = await MqttConnection.OpenAsync(options, BuildConnect(options, clientId, cleanStart: true), cancellationToken).ConfigureAwait(false);
            if ((int)connAck.ReasonCode >= 0x80)
            {
                connection.Dispose();
                throw new MqttConnectingFailedException($"The broker refused the connection: {connAck.ReasonCode}", connAck.ReasonCode);
            }
        }

        var p = connAck.Properties;
        var keepAlive = p?.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : TimeSpan.FromSeconds((ushort)options.KeepAlivePeriod.TotalSeconds);
        var result = new MqttClientConnectResult
        {
            ResultCode = connAck.ReasonCode,
            IsSessionPresent = connAck.SessionPresent,
            ClientId = p?.AssignedClientIdentifier ?? clientId,
            ReceiveMaximum = p?.ReceiveMaximum ?? ushort.MaxValue,
            MaximumQoS = (MqttQualityOfServiceLevel)(p?.MaximumQoS ?? 2),
            RetainAvailable = (p?.RetainAvailable ?? 1) == 1,
            MaximumPacketSize = p?.MaximumPacketSize ?? MqttPacketFormatter.AbsoluteMaximumPacketSize,
            TopicAliasMaximum = p?.TopicAliasMaximum ?? 0,
            KeepAlive = keepAlive,
            SessionExpiryInterval = p?.SessionExpiryInterval ?? options.SessionExpiryInterval,
            SharedSubscriptionAvailable = (p?.SharedSubscriptionAvailable ?? 1) == 1,
            SubscriptionIdentifiersAvailable = (p?.SubscriptionIdentifierAvailable ?? 1) == 1,
            ReasonString = p?.ReasonString,
            ResponseInformation = p?.ResponseInformation,
            UserProperties = p?.UserProperties ?? (IReadOnlyList<MqttUserProperty>)[],
        };

        List<(OutboundEntry Entry, bool Delivered)>? discarded = null;
        List<SubscriptionRecord>? resubscribe = null;
        lock (_gate)
        {
            _clientId = result.ClientId;
            _connectResult = result;
            _sendQuota = result.ReceiveMaximum;
            _connection = connection;
            if (!connAck.SessionPresent && _hasSessionState)
            {
                discarded = DiscardSessionLocked();
                resubscribe = [.. _subscriptions];
            }
            else if (connAck.SessionPresent)
            {
                ResendLocked(connection);
            }

            _hasSessionState = true;
            PumpLocked();
        }

        connection.Start(this, new MqttConnectionSettings(
            keepAlive,
            options.PingTimeout ?? (keepAlive > TimeSpan.Zero ? keepAlive : TimeSpan.FromSeconds(30)),
            result.MaximumPacketSize,
            result.TopicAliasMaximum,
            options.UseOutboundTopicAliases));
        LogConnected(_logger, result.ClientId, options.Host, options.Port, connAck.SessionPresent);

        if (discarded is not null)
        {
            foreach (var (entry, delivered) in discarded)
            {
                if (delivered)
                {
                    entry.Completion.TrySetResult(new MqttClientPublishResult { ReasonCode = MqttReasonCode.Success });
                }
                else
                {
                    entry.Completion.TrySetException(new MqttClientNotConnectedException("The broker did not resume the session; the message may not have been delivered."));
                }
            }
        }

        if (resubscribe is { Count: > 0 })
        {
            _ = ResubscribeAsync(connection, resubscribe, options);
        }

        return (connection, result);
    }

    private static MqttConnectPacket BuildConnect(MqttClientOptions options, string clientId, bool cleanStart)
    {
        var connect = new MqttConnectPacket
        {
            ClientId = clientId,
            CleanStart = cleanStart,
            KeepAlive = (ushort)options.KeepAlivePeriod.TotalSeconds,
            UserName = options.UserName,
            Password = options.Password?.ToArray(),
            Properties = new MqttProperties
            {
                SessionExpiryInterval = options.SessionExpiryInterval == 0 ? null : options.SessionExpiryInterval,
                ReceiveMaximum = options.ReceiveMaximum == ushort.MaxValue ? null : options.ReceiveMaximum,
                MaximumPacketSize = options.MaximumPacketSize,
                TopicAliasMaximum = options.TopicAliasMaximum == 0 ? null : options.TopicAliasMaximum,
                RequestProblemInformation = options.RequestProblemInformation ? null : (byte)0,
                RequestResponseInformation = options.RequestResponseInformation ? (byte)1 : null,
                UserProperties = options.UserProperties.Count > 0 ? [.. options.UserProperties] : null,
            },
        };
        if (options.WillMessage is { } will)
        {
            var willPacket = ToPacket(will);
            connect.WillTopic = will.Topic;
            connect.WillPayload = will.Payload;
            connect.WillQos = will.QualityOfServiceLevel;
            connect.WillRetain = will.Retain;
            connect.WillProperties = willPacket.Properties;
            if (options.WillDelayInterval != 0)
            {
                connect.WillProperties ??= new MqttProperties();
                connect.WillProperties.WillDelayInterval = options.WillDelayInterval;
            }
        }

        return connect;
    }

    /// <summary>
    /// The one reconnect state machine: waits for the connection to end, reports it, and (unless the
    /// application disconnected) reconnects with exponential backoff and full jitter, resetting the
    /// backoff after a connection that stayed up long enough.
    /// </summary>
    private async Task SuperviseAsync(MqttConnection connection, MqttClientOptions options, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var backoff = new FullJitterBackoff(options.Reconnect.MinimumDelay, options.Reconnect.MaximumDelay, Random.Shared);
        var attempt = 0;
        while (true)
        {
            var connectedAt = time.GetTimestamp();
            var closed = await connection.Completion.ConfigureAwait(false);
            OnConnectionLost(connection, closed);
            var reconnect = options.Reconnect.Enabled && closed.Source != MqttDisconnectSource.Client && !cancellationToken.IsCancellationRequested;
            await RaiseDisconnectedAsync(closed, reconnect).ConfigureAwait(false);
            connection.Dispose();
            if (!reconnect)
            {
                return;
            }

            if (time.GetElapsedTime(connectedAt) >= options.Reconnect.ResetAfter)
            {
                attempt = 0;
            }

            MqttClientConnectResult result;
            while (true)
            {
                var delay = backoff.Next(attempt);
                attempt++;
                LogReconnectScheduled(_logger, delay.TotalMilliseconds, attempt);
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                    (connection, result) = await ConnectOnceAsync(options, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // any failure of one attempt means: back off and try again
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogReconnectFailed(_logger, attempt, ex.Message);
                }
            }

            Interlocked.Increment(ref Statistics.ReconnectsCount);
            await RaiseConnectedAsync(result, isReconnect: true).ConfigureAwait(false);
        }
    }

    private void OnConnectionLost(MqttConnection connection, MqttConnectionClosed closed)
    {
        List<TaskCompletionSource<MqttPacket>> requests;
        lock (_gate)
        {
            if (_connection == connection)
            {
                _connection = null;
            }

            requests = [.. _requests.Values];
            _requests.Clear();
        }

        if (closed.Source == MqttDisconnectSource.ProtocolViolation)
        {
            Interlocked.Increment(ref Statistics.ProtocolViolationsCount);
        }

        if (closed.Source == MqttDisconnectSource.Client)
        {
            // The application asked for it (DisconnectAsync or dispose): nothing for an operator to look at.
            LogDisconnected(_logger, closed.ReasonCode);
        }
        else
        {
            LogConnectionLost(_logger, closed.Source, closed.ReasonCode, closed.ReasonString);
        }
        foreach (var request in requests)
        {
            request.TrySetException(new MqttClientNotConnectedException("The connection ended before the broker answered."));
        }
    }

    private async Task RaiseConnectedAsync(MqttClientConnectResult result, bool isReconnect)
    {
        if (ConnectedAsync is not { } handlers)
        {
            return;
        }

        var args = new MqttClientConnectedEventArgs { ConnectResult = result, IsReconnect = isReconnect };
        foreach (var handler in handlers.GetInvocationList().Cast<Func<MqttClientConnectedEventArgs, Task>>())
        {
            try
            {
                await handler(args).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // an application handler's failure must not stop the client
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, ex, nameof(ConnectedAsync));
            }
        }
    }

    private async Task RaiseDisconnectedAsync(MqttConnectionClosed closed, bool willReconnect)
    {
        if (DisconnectedAsync is not { } handlers)
        {
            return;
        }

        var args = new MqttClientDisconnectedEventArgs
        {
            Source = closed.Source,
            ReasonCode = closed.ReasonCode,
            ReasonString = closed.ReasonString,
            Exception = closed.Exception,
            WillReconnect = willReconnect,
        };
        foreach (var handler in handlers.GetInvocationList().Cast<Func<MqttClientDisconnectedEventArgs, Task>>())
        {
            try
            {
                await handler(args).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // an application handler's failure must not stop the client
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, ex, nameof(DisconnectedAsync));
            }
        }
    }

    /// <inheritdoc />
    public async Task DisconnectAsync(MqttClientDisconnectOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MqttClientDisconnectOptions();
        MqttConnection? connection;
        Task? supervisor;
        lock (_gate)
        {
            _supervisorCancellation?.Cancel();
            connection = _connection;
            supervisor = _supervisor;
        }

        if (connection is not null)
        {
            MqttProperties? properties = null;
            if (options.ReasonString is not null || options.SessionExpiryInterval is not null)
            {
                properties = new MqttProperties { ReasonString = options.ReasonString, SessionExpiryInterval = options.SessionExpiryInterval };
            }

            await connection.DisconnectAsync(new MqttDisconnectPacket { ReasonCode = options.ReasonCode, Properties = properties }, MqttDisconnectSource.Client,
                _options?.Timeout ?? MqttClientOptions.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (supervisor is not null)
        {
            await supervisor.ConfigureAwait(false);
        }
    }

    /// <summary>Disconnects (normal disconnection), fails pending publishes and completes every consumer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            LogHandlerFailed(_logger, ex, nameof(DisposeAsync));
        }

        List<OutboundEntry> pending;
        lock (_gate)
        {
            _disposed = true;
            pending = [.. _queued, .. _inflight.Values];
            _queued.Clear();
            _inflight.Clear();
            _supervisorCancellation?.Dispose();
            _supervisorCancellation = null;
        }

        foreach (var entry in pending)
        {
            entry.Completion.TrySetException(new ObjectDisposedException(nameof(MqttClient)));
        }

        _defaultConsumer?.Dispose();
    }
}
