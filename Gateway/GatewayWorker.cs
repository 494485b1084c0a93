using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Twins.Gateway.Diagnostics;
using Twins.Gateway.Internal;
using Twins.Grains.Routing;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Gateway;

/// <summary>
/// One gateway worker: an MQTT connection with a unique client id and a persistent session, QoS 1
/// shared subscriptions on the contract's inbound topics, and lanes that handle the messages of
/// different vehicles concurrently and those of one vehicle in order. A message is acknowledged to the
/// broker only after its grain call returned (the change is durable), so a crash means redelivery,
/// which the grains recognise. The broker's in-flight window (Receive Maximum) bounds the work in hand.
/// </summary>
internal sealed partial class GatewayWorker : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly InboundHandler _handler;
    private readonly TopicRouter _router;
    private readonly TopicBuilder _topics;
    private readonly GatewayCounters _counters;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayWorker> _logger;
    private readonly MqttClient _client;
    private readonly Channel<Work>[] _lanes;
    private readonly InFlightLimiter _inFlight;
    private readonly RateLimitedLog _retryLog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public GatewayWorker(int index, GatewayOptions options, InboundHandler handler, GatewayCounters counters, GatewayMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        Index = index;
        _options = options;
        _handler = handler;
        _counters = counters;
        _metrics = metrics;
        _time = time;
        _logger = loggers.CreateLogger<GatewayWorker>();
        var topicOptions = new TopicOptions { AwsPrefix = options.AwsTopicPrefix, TwinsPrefix = options.TwinsTopicPrefix };
        _router = new TopicRouter(topicOptions);
        _topics = new TopicBuilder(topicOptions);
        _client = new MqttClient(loggers.CreateLogger<MqttClient>());
        _inFlight = new InFlightLimiter(options.MaxInFlightPerThing);
        _retryLog = new RateLimitedLog(time, TimeSpan.FromSeconds(10));
        _lanes = new Channel<Work>[options.LanesPerWorker];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = Channel.CreateBounded<Work>(new BoundedChannelOptions(Math.Max(4, options.ReceiveMaximum / options.LanesPerWorker)) { SingleReader = true, SingleWriter = true });
        }
    }

    public int Index { get; }

    public string ClientId => $"{_options.ClientIdPrefix}-{Index}";

    public bool IsConnected => _client.IsConnected;

    /// <summary>Test hook: runs after the grain accepted a message and before the acknowledgement.</summary>
    internal Func<MqttApplicationMessage, Task>? BeforeAcknowledgeAsync { get; set; }

    /// <summary>The inbound topic filters this worker subscribes to (provisioning topics belong to the provisioning service).</summary>
    public IReadOnlyList<string> Filters => [.. _topics.InboundFilters()
        .Where(f => !f.Contains("/certificates/", StringComparison.Ordinal) && !f.Contains("/provisioning-templates/", StringComparison.Ordinal))
        .Select(f => IsPartitioned(f) ? f : $"$share/{_options.ShareGroup}/{f}")];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var clientOptions = Connector.Options(_options, ClientId, _options.SessionExpiry, _options.ReceiveMaximum, adoptSession: true);
        for (var i = 0; i < _lanes.Length; i++)
        {
            var lane = _lanes[i];
            _loops.Add(Task.Run(() => LaneLoopAsync(lane, _stopping.Token), CancellationToken.None));
        }

        await Connector.ConnectAsync(_client, clientOptions, _options, _logger, cancellationToken).ConfigureAwait(false);

        // Only after ConnectAsync: the default consumer takes its options (manual acknowledgement) from the
        // connect. Messages of an adopted session that arrived meanwhile wait in it.
        var consumer = _client.ApplicationMessages;
        _loops.Add(Task.Run(() => DispatchLoopAsync(consumer, _stopping.Token), CancellationToken.None));
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in Filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        foreach (var (filter, code) in result.Items)
        {
            if ((int)code >= 0x80)
            {
                LogSubscribeRefused(_logger, ClientId, filter.Topic, code.ToString());
            }
        }

        LogStarted(_logger, ClientId, _options.Host, _options.Port, Filters.Count);
    }

    /// <summary>Stops taking messages, lets the lanes finish what they hold, then disconnects (the session stays for the next start).</summary>
    public async Task StopAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    /// <summary>Simulates a crash: the connection ends at once and nothing in hand is acknowledged.</summary>
    internal async Task AbortAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await _client.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task DispatchLoopAsync(MqttMessageConsumer consumer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var received in consumer.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var message = received.ApplicationMessage;
                if (!_router.TryParse(message.Topic, out var route) || InboundHandler.VehicleOf(route!) is not { } vehicle)
                {
                    if (IsPartitioned(message.Topic) && Partition(message.Topic, _options.Workers) != Index)
                    {
                        // Every worker receives it; one counts and logs it.
                        received.Acknowledge();
                        continue;
                    }

                    _counters.OnReceived();
                    _handler.RejectUnroutable(message.Topic);
                    received.Acknowledge();
                    _counters.OnHandled();
                    continue;
                }

                if (IsPartitioned(message.Topic) && Partition(vehicle, _options.Workers) != Index)
                {
                    // Another worker of this gateway owns this vehicle's partition.
                    received.Acknowledge();
                    continue;
                }

                _counters.OnReceived();
                if (!_handler.Admit(message, route!, vehicle))
                {
                    received.Acknowledge();
                    _counters.OnHandled();
                    continue;
                }

                // Shadow requests of one thing are bounded like AWS IoT's in-flight limit; the excess is answered 429
                // at once instead of queueing behind the vehicle's earlier requests.
                var limited = route is ShadowRoute;
                if (limited && !_inFlight.TryEnter(vehicle))
                {
                    _handler.RejectTooManyRequests(message, (ShadowRoute)route!);
                    received.Acknowledge();
                    _counters.OnHandled();
                    continue;
                }

                var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(vehicle) % (uint)_lanes.Length)];
                await lane.Writer.WriteAsync(new Work(received, route!, limited ? vehicle : null), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Stopping.
        }
    }

    private bool IsPartitioned(string topic) => _options.DollarTopics == DollarTopicMode.Partitioned && topic.StartsWith('$');

    /// <summary>The worker that owns <paramref name="vehicle"/>'s partitioned topics: stable across processes, and independent of the lane hash.</summary>
    internal static int Partition(string vehicle, int count) => ThingPartition.Of(vehicle, count);

    private async Task LaneLoopAsync(Channel<Work> lane, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in lane.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                await HandleAsync(work, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Aborted.
        }
    }

    private async Task HandleAsync(Work work, CancellationToken cancellationToken)
    {
        try
        {
            await HandleCoreAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (work.InFlightKey is { } key)
            {
                _inFlight.Exit(key);
            }
        }
    }

    private async Task HandleCoreAsync(Work work, CancellationToken cancellationToken)
    {
        var message = work.Received.ApplicationMessage;
        var started = _time.GetTimestamp();
        using var activity = GatewayDiagnostics.StartProcess(message, work.Route, ClientId);
        string? errorType = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _handler.HandleAsync(message, work.Route).ConfigureAwait(false);
                break;
            }
#pragma warning disable CA1031 // a failing grain call must not stop the lane; it is retried, then given up and counted
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                if (GrainCallRetry.ShouldGiveUp(ex, attempt, _time.GetElapsedTime(started), _options))
                {
                    errorType = ex.GetType().FullName;
                    _counters.OnFailed();
                    LogGaveUp(_logger, ex, message.Topic, attempt);
                    break;
                }

                _counters.OnRetried();

                // During a failover every lane with a vehicle on the dead silo retries: one line per kind of failure per interval.
                if (_retryLog.ShouldLog(ex.GetType().Name, out var suppressed))
                {
                    LogRetrying(_logger, ex, message.Topic, attempt, suppressed);
                }

                await Task.Delay(GrainCallRetry.DelayAfter(attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }

        if (BeforeAcknowledgeAsync is { } hook)
        {
            await hook(message).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        work.Received.Acknowledge();
        _counters.OnHandled();
        _metrics.RecordProcessed(work.Route, _time.GetElapsedTime(started), errorType);
        if (errorType is not null && activity is { IsAllDataRequested: true })
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", errorType);
        }
    }

    [LoggerMessage(EventId = 7410, Level = LogLevel.Information, Message = "Gateway worker {ClientId} consuming from {Host}:{Port} ({Filters} shared subscriptions)")]
    private static partial void LogStarted(ILogger logger, string clientId, string host, int port, int filters);

    [LoggerMessage(EventId = 7411, Level = LogLevel.Error, Message = "Gateway worker {ClientId}: the broker refused the subscription {Filter} ({Reason})")]
    private static partial void LogSubscribeRefused(ILogger logger, string clientId, string filter, string reason);

    [LoggerMessage(EventId = 7412, Level = LogLevel.Warning, Message = "Handling a message on {Topic} failed (attempt {Attempt}); retrying ({Suppressed} similar retries not logged since the last line)")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string topic, int attempt, long suppressed);

    [LoggerMessage(EventId = 7413, Level = LogLevel.Error, Message = "Handling a message on {Topic} failed {Attempt} times; acknowledged and counted as failed")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string topic, int attempt);

    /// <summary>A message in a lane.</summary>
    /// <param name="Received">The message and its acknowledgement.</param>
    /// <param name="Route">Where it goes.</param>
    /// <param name="InFlightKey">The thing whose in-flight slot this message holds, or <c>null</c>.</param>
    private sealed record Work(MqttReceivedMessage Received, TopicRoute Route, string? InFlightKey);
}
