using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Twins.Mqtt.Packets;

namespace Twins.Mqtt.Client;

/// <summary>
/// A bounded queue of received messages for one part of the application. The client's reader loop
/// only ever tries to enqueue (it never waits on the application); QoS 0 messages beyond
/// <see cref="MqttMessageConsumerOptions.Capacity"/> are dropped and counted in <see cref="DroppedMessages"/>.
/// Create one with <see cref="MqttClient.CreateConsumer"/> and pass it to a subscribe.
/// </summary>
public sealed class MqttMessageConsumer : IDisposable
{
    private readonly Channel<MqttReceivedMessage> _channel;
    private readonly Action<MqttMessageConsumer>? _onDispose;
    private long _dropped;
    private long _received;

    internal MqttMessageConsumer(MqttMessageConsumerOptions options, Action<MqttMessageConsumer>? onDispose)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        Options = options;
        _onDispose = onDispose;
        // Room for Capacity QoS 0 messages plus every QoS 1/2 message the broker may have in flight.
        _channel = System.Threading.Channels.Channel.CreateBounded<MqttReceivedMessage>(new BoundedChannelOptions(options.Capacity + ushort.MaxValue)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The options this consumer was made with.</summary>
    public MqttMessageConsumerOptions Options { get; }

    /// <summary>QoS 0 messages dropped because the queue was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Messages enqueued so far.</summary>
    public long ReceivedMessages => Interlocked.Read(ref _received);

    /// <summary>Messages waiting to be read.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Waits for the next message.</summary>
    public async ValueTask<MqttReceivedMessage> ReadAsync(CancellationToken cancellationToken = default)
    {
        var message = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Take(message);
    }

    /// <summary>Takes a message if one is queued.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out MqttReceivedMessage message)
    {
        if (_channel.Reader.TryRead(out message))
        {
            Take(message);
            return true;
        }

        return false;
    }

    /// <summary>Waits until a message is queued; false once the consumer is disposed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Reads messages until the consumer is disposed or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<MqttReceivedMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (TryRead(out var message))
            {
                yield return message;
            }
        }
    }

    /// <summary>Stops delivery to this consumer; queued QoS 1/2 messages are acknowledged so the broker's window is not held.</summary>
    public void Dispose()
    {
        if (_channel.Writer.TryComplete())
        {
            _onDispose?.Invoke(this);
            while (_channel.Reader.TryRead(out var message))
            {
                message.Acknowledge();
            }
        }
    }

    internal bool TryEnqueue(MqttReceivedMessage message)
    {
        if (message.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce && _channel.Reader.Count >= Options.Capacity)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        if (_channel.Writer.TryWrite(message))
        {
            Interlocked.Increment(ref _received);
            return true;
        }

        return false;
    }

    private MqttReceivedMessage Take(MqttReceivedMessage message)
    {
        if (Options.AutoAcknowledge)
        {
            message.Acknowledge();
        }

        return message;
    }
}
