using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Testing;

/// <summary>
/// Vehicles that keep updating their classic shadow's reported <c>seq</c> over MQTT (QoS 1) the way a device
/// does: publish <c>/update</c> with a clientToken, wait for <c>/update/accepted</c>, and publish again (same
/// <c>seq</c>, new token) when no answer comes within <see cref="ReplyTimeout"/>, doubling the wait each time up
/// to 4 × <see cref="ReplyTimeout"/>; a late answer to an earlier token of the same value still counts. Each vehicle keeps the
/// last <c>seq</c> it saw accepted (an acknowledged update) and when the update behind its latest answer was sent,
/// so a failover test can ask "has every vehicle answered since time T" and "was any acknowledged update lost".
/// Vehicles share a few MQTT connections (the gateway does not care which connection a thing uses on a plain listener).
/// </summary>
public sealed class ShadowFleetLoad : IAsyncDisposable
{
    private readonly MqttClient[] _clients;
    private readonly ConcurrentDictionary<string, (TaskCompletionSource<long> Answered, long SentAt)> _pending = new(StringComparer.Ordinal);
    private readonly VehicleState[] _vehicles;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private Task[] _loops = [];
    private long _sent;
    private long _accepted;
    private long _unanswered;
    private long _token;

    private ShadowFleetLoad(MqttClient[] clients, IReadOnlyList<string> things)
    {
        _clients = clients;
        _vehicles = [.. things.Select(t => new VehicleState(t))];
    }

    /// <summary>How long a vehicle waits for <c>/update/accepted</c> before publishing the same value again.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause between a vehicle's accepted update and its next one (zero: right away).</summary>
    public TimeSpan Interval { get; set; }

    /// <summary>The vehicles' thing names.</summary>
    public IReadOnlyList<string> Things => [.. _vehicles.Select(v => v.Thing)];

    /// <summary>Updates published, including re-publishes after a timeout.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Updates answered with <c>/update/accepted</c>.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Publishes that got no answer within their wait (the value was published again).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Connects <paramref name="connections"/> MQTT clients to the broker for the vehicles <paramref name="things"/>.</summary>
    public static async Task<ShadowFleetLoad> ConnectAsync(string host, int port, IReadOnlyList<string> things, int connections = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(things);
        var clients = new MqttClient[Math.Clamp(connections, 1, Math.Max(1, things.Count))];
        var load = new ShadowFleetLoad(clients, things);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < clients.Length; i++)
        {
            var client = new MqttClient();
            clients[i] = client;
            await client.ConnectAsync(new MqttClientOptions { Host = host, Port = port, ClientId = $"fleet-{prefix}-{i}" }, cancellationToken).ConfigureAwait(false);
            var consumer = client.CreateConsumer(new MqttMessageConsumerOptions { Capacity = 1_000_000 });
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("$aws/things/+/shadow/update/accepted", MqttQualityOfServiceLevel.AtLeastOnce).WithConsumer(consumer).Build(), cancellationToken).ConfigureAwait(false);
            load._readers.Add(load.ReadAsync(consumer));
        }

        return load;
    }

    /// <summary>Starts every vehicle's update loop (until <see cref="StopAsync"/>).</summary>
    public void Start() => _loops = [.. _vehicles.Select((v, i) => Task.Run(() => LoopAsync(v, _clients[i % _clients.Length])))];

    /// <summary>Stops the loops; each vehicle finishes (or gives up) the update it has in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    /// <summary>Publishes one update of <paramref name="thing"/> (reported <c>seq</c> = <paramref name="seq"/>) and waits for its answer; false after <see cref="ReplyTimeout"/>.</summary>
    public async Task<bool> UpdateOnceAsync(string thing, long seq, CancellationToken cancellationToken = default)
    {
        var vehicle = _vehicles.First(v => v.Thing == thing);
        var answered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokens = new List<string>(1);
        try
        {
            return await UpdateAsync(vehicle, _clients[Array.IndexOf(_vehicles, vehicle) % _clients.Length], seq, answered, tokens, ReplyTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget(tokens);
        }
    }

    /// <summary>The last <c>seq</c> each vehicle saw accepted (0: none).</summary>
    public IReadOnlyDictionary<string, long> AcknowledgedSeq() => _vehicles.ToDictionary(v => v.Thing, v => Interlocked.Read(ref v.Acknowledged), StringComparer.Ordinal);

    /// <summary>Vehicles whose latest answered update was published before <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public IReadOnlyList<string> NotAnsweredSince(long timestamp) => [.. _vehicles.Where(v => Interlocked.Read(ref v.AnsweredSentAt) < timestamp).Select(v => v.Thing)];

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_readers).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync(VehicleState vehicle, MqttClient client)
    {
        var seq = Interlocked.Read(ref vehicle.Acknowledged);
        while (!_stop.IsCancellationRequested)
        {
            seq++;
            var answered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var tokens = new List<string>(2);
            try
            {
                var wait = ReplyTimeout;
                while (!await UpdateAsync(vehicle, client, seq, answered, tokens, wait, _stop.Token).ConfigureAwait(false))
                {
                    // No answer: the device publishes the same value again with a new token, waiting longer each time.
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, ReplyTimeout.Ticks * 4));
                }

                if (Interval > TimeSpan.Zero)
                {
                    await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                Forget(tokens);
            }
        }
    }

    private void Forget(List<string> tokens)
    {
        foreach (var token in tokens)
        {
            _pending.TryRemove(token, out _);
        }
    }

    /// <summary>Publishes <paramref name="seq"/> under a new token; true once any token of this value was answered within <paramref name="wait"/>.</summary>
    private async Task<bool> UpdateAsync(VehicleState vehicle, MqttClient client, long seq, TaskCompletionSource<long> answered, List<string> tokens, TimeSpan wait, CancellationToken cancellationToken)
    {
        var token = "t" + Interlocked.Increment(ref _token).ToString(CultureInfo.InvariantCulture);
        _pending[token] = (answered, Stopwatch.GetTimestamp());
        tokens.Add(token);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$$"""{"state":{"reported":{"seq":{{{seq}}}}},"clientToken":"{{{token}}}"}"""));
        await client.PublishAsync(new MqttApplicationMessage { Topic = $"$aws/things/{vehicle.Thing}/shadow/update", Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
        long sentAt;
        try
        {
            sentAt = await answered.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _unanswered);
            return false;
        }

        Interlocked.Increment(ref _accepted);
        InterlockedMax(ref vehicle.Acknowledged, seq);
        InterlockedMax(ref vehicle.AnsweredSentAt, sentAt);
        return true;
    }

    private async Task ReadAsync(MqttMessageConsumer consumer)
    {
        try
        {
            await foreach (var message in consumer.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (ClientToken(message.ApplicationMessage.Payload.Span) is { } token && _pending.TryGetValue(token, out var pending))
                {
                    pending.Answered.TrySetResult(pending.SentAt);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static string? ClientToken(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("clientToken"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class VehicleState(string thing)
    {
        public long Acknowledged;
        public long AnsweredSentAt;

        public string Thing { get; } = thing;
    }
}
