using System.Collections.Concurrent;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>
/// MQTT 5 request / response: publishes a request with a Response Topic and Correlation Data and
/// completes when the reply with the same Correlation Data arrives on that topic, or times out.
/// One instance subscribes once to its response topic and serves any number of concurrent requests.
/// </summary>
public sealed class MqttRequestClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttMessageConsumer _consumer;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<MqttApplicationMessage>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private Task? _pump;

    private MqttRequestClient(IMqttClient client, string responseTopic)
    {
        _client = client;
        ResponseTopic = responseTopic;
        _time = client.Options?.TimeProvider ?? TimeProvider.System;
        _consumer = client.CreateConsumer(new MqttMessageConsumerOptions { AutoAcknowledge = true });
    }

    /// <summary>The topic replies come back on (no wildcards; the broker ACL should let only this client read it).</summary>
    public string ResponseTopic { get; }

    /// <summary>Subscribes to <paramref name="responseTopic"/> (QoS 1) and starts matching replies.</summary>
    public static async Task<MqttRequestClient> CreateAsync(IMqttClient client, string responseTopic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(responseTopic);
        if (responseTopic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw new ArgumentException("A Response Topic must not contain wildcards.", nameof(responseTopic));
        }

        var requester = new MqttRequestClient(client, responseTopic);
        try
        {
            var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(responseTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithConsumer(requester._consumer)
                .Build(), cancellationToken).ConfigureAwait(false);
            if ((int)result.Items[0].ReasonCode >= 0x80)
            {
                throw new InvalidOperationException($"Subscribing to the response topic '{responseTopic}' was refused: {result.Items[0].ReasonCode}.");
            }
        }
        catch
        {
            await requester.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        requester._pump = Task.Run(requester.PumpAsync, CancellationToken.None);
        return requester;
    }

    /// <summary>
    /// Publishes <paramref name="request"/> with this client's Response Topic and fresh Correlation Data
    /// (or the request's own, when set) and returns the reply. Throws <see cref="TimeoutException"/> when
    /// none arrives within <paramref name="timeout"/>.
    /// </summary>
    public async Task<MqttApplicationMessage> RequestAsync(MqttApplicationMessage request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var correlation = request.CorrelationData.IsEmpty ? Guid.NewGuid().ToByteArray() : request.CorrelationData.ToArray();
        var key = Convert.ToHexString(correlation);
        var reply = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, reply))
        {
            throw new InvalidOperationException("A request with this Correlation Data is already waiting for its reply.");
        }

        try
        {
            await _client.PublishAsync(new MqttApplicationMessage
            {
                Topic = request.Topic,
                Payload = request.Payload,
                QualityOfServiceLevel = request.QualityOfServiceLevel,
                Retain = request.Retain,
                PayloadFormatIndicator = request.PayloadFormatIndicator,
                MessageExpiryInterval = request.MessageExpiryInterval,
                ContentType = request.ContentType,
                UserProperties = request.UserProperties,
                ResponseTopic = ResponseTopic,
                CorrelationData = correlation,
            }, cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Stops matching replies and unsubscribes when still connected.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _consumer.Dispose();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        if (_client.IsConnected)
        {
            try
            {
                await _client.UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = [ResponseTopic] }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttClientNotConnectedException or TimeoutException)
            {
                // Gone already: the broker drops the subscription with the session.
            }
        }

        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _consumer.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var correlation = message.ApplicationMessage.CorrelationData;
                if (!correlation.IsEmpty && _pending.TryGetValue(Convert.ToHexString(correlation.Span), out var reply))
                {
                    reply.TrySetResult(message.ApplicationMessage);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
