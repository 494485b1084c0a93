using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Gateway.Internal;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Routing;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Gateway.Provisioning;

/// <summary>
/// Fleet provisioning by claim on the broker: one MQTT connection subscribed to
/// <c>$aws/certificates/create-from-csr/json</c> and <c>$aws/provisioning-templates/+/provision/json</c>,
/// each request handed to an <see cref="IProvisioningGrain"/>, and the reply published only to the
/// requester: to the request's Response Topic with its Correlation Data, or, without one, to the AWS
/// reply topic (<c>.../accepted</c> or <c>.../rejected</c>).
/// </summary>
public sealed partial class ProvisioningService : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly GatewayOptions _gateway;
    private readonly ProvisioningServiceOptions _options;
    private readonly GatewayCounters _counters;
    private readonly TopicRouter _router;
    private readonly TopicBuilder _topics;
    private readonly RateLimitedLog _limiter;
    private readonly ILogger<ProvisioningService> _logger;
    private readonly MqttClient _client;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the service.</summary>
    public ProvisioningService(IGrainFactory grains, IOptions<GatewayOptions> gateway, IOptions<ProvisioningServiceOptions> options, GatewayCounters counters, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _grains = grains;
        _gateway = gateway.Value;
        _options = options.Value;
        _counters = counters;
        var topicOptions = new TopicOptions { AwsPrefix = _gateway.AwsTopicPrefix, TwinsPrefix = _gateway.TwinsTopicPrefix };
        _router = new TopicRouter(topicOptions);
        _topics = new TopicBuilder(topicOptions);
        _limiter = new RateLimitedLog(time, TimeSpan.FromSeconds(10));
        _logger = loggers.CreateLogger<ProvisioningService>();
        _client = new MqttClient(loggers.CreateLogger<MqttClient>());
    }

    /// <summary>Completes once subscribed.</summary>
    public Task Started => _started.Task;

    /// <summary>The MQTT client id of this endpoint.</summary>
    public string ClientId => $"{_gateway.ClientIdPrefix}-provisioning";

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Acknowledged once the reply is published, on a session the broker keeps for Gateway:SessionExpiry: a
        // request in hand when the gateway crashes is redelivered, and answered as before (issuing is
        // idempotent per request id, and the ownership token is derived from the certificate and its expiry).
        var receiveMaximum = (ushort)Math.Clamp(_options.MaxConcurrency * 2, 16, 1024);
        var options = Connector.Options(_gateway, ClientId, _gateway.SessionExpiry, receiveMaximum, adoptSession: true);
        await Connector.ConnectAsync(_client, options, _gateway, _logger, stoppingToken).ConfigureAwait(false);
        string[] filters = [_topics.CreateFromCsr(), $"{_gateway.AwsTopicPrefix}/provisioning-templates/+/provision/json"];
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(_gateway.DollarTopics == DollarTopicMode.Shared ? $"$share/{_gateway.ShareGroup}/{filter}" : filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), stoppingToken).ConfigureAwait(false);
        LogStarted(_logger, ClientId, _gateway.Host, _gateway.Port);
        _started.TrySetResult();

        // Orderly stop: take no more messages, let the requests in hand finish (their replies are published and
        // acknowledged) until the host's shutdown deadline, which cancels the rest (left unacknowledged, so the
        // broker redelivers them to the session's next owner), then disconnect and dispose the client.
        using var gate = new SemaphoreSlim(_options.MaxConcurrency);
        var inFlight = new HashSet<Task>();
        try
        {
            await foreach (var received in _client.ApplicationMessages.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
                var handling = HandleReceivedAsync(received, gate);
                lock (inFlight)
                {
                    if (!handling.IsCompleted)
                    {
                        inFlight.Add(handling);
                    }
                }

                _ = handling.ContinueWith(
                    done =>
                    {
                        lock (inFlight)
                        {
                            inFlight.Remove(done);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: no more messages are taken.
        }
        finally
        {
            Task[] pending;
            lock (inFlight)
            {
                pending = [.. inFlight];
            }

            if (pending.Length > 0)
            {
                LogDraining(_logger, pending.Length);
                await Task.WhenAll(pending).ConfigureAwait(false);
            }

            try
            {
                await _client.DisconnectAsync(cancellationToken: _abort.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttClientNotConnectedException or OperationCanceledException or IOException or TimeoutException)
            {
                // Already gone: the broker keeps the session either way.
            }

            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown deadline ends the requests still in hand.
        using var abortAtDeadline = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abort);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleReceivedAsync(MqttReceivedMessage received, SemaphoreSlim gate)
    {
        try
        {
            if (await HandleAsync(received.ApplicationMessage, _abort.Token).ConfigureAwait(false))
            {
                received.Acknowledge();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Handles one request; false when it was abandoned at shutdown (not acknowledged, so it is redelivered).</summary>
    internal async Task<bool> HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        _counters.OnReceived();
        try
        {
            if (message.ResponseTopic is { } responseTopic && !responseTopic.StartsWith(_options.ReplyTopicPrefix, StringComparison.Ordinal))
            {
                Reject("provisioning-reply-topic", message.Topic, $"Response Topic '{responseTopic}' is outside '{_options.ReplyTopicPrefix}'");
                return true;
            }

            var payload = message.Payload.ToArray();
            ProvisioningReply reply;
            string acceptedTopic, rejectedTopic;
            switch (_router.Parse(message.Topic))
            {
                case CreateFromCsrRoute:
                {
                    // One request, one id: the same Response Topic and Correlation Data, or without them the same
                    // payload, is the same request (a redelivery or a retry) and gets the same certificate.
                    var requestId = message.CorrelationData.Length > 0
                        ? $"{message.ResponseTopic}|{Convert.ToHexString(message.CorrelationData.Span)}"
                        : $"{message.ResponseTopic}|sha256:{Convert.ToHexString(SHA256.HashData(message.Payload.Span))}";
                    reply = await Provisioning(requestId).CreateFromCsrAsync(requestId, payload).WaitAsync(cancellationToken).ConfigureAwait(false);
                    (acceptedTopic, rejectedTopic) = (_topics.CreateFromCsrAccepted(), _topics.CreateFromCsrRejected());
                    break;
                }

                case ProvisionRoute provision:
                    reply = await Provisioning(Convert.ToHexString(RandomNumberGenerator.GetBytes(4))).ProvisionAsync(provision.TemplateName, payload).WaitAsync(cancellationToken).ConfigureAwait(false);
                    (acceptedTopic, rejectedTopic) = (_topics.ProvisionAccepted(provision.TemplateName), _topics.ProvisionRejected(provision.TemplateName));
                    break;
                default:
                    Reject("unknown-topic", message.Topic, "not a provisioning topic");
                    return true;
            }

            if (!reply.Accepted)
            {
                _counters.OnRejected($"provisioning-{reply.ErrorCode}");
            }

            await _client.PublishAsync(new MqttApplicationMessage
            {
                Topic = message.ResponseTopic ?? (reply.Accepted ? acceptedTopic : rejectedTopic),
                Payload = reply.Payload,
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                CorrelationData = message.CorrelationData,
                ContentType = "application/json",
                UserProperties = message.ResponseTopic is null ? [] : [new MqttUserProperty("status", reply.Accepted ? "accepted" : "rejected")],
            }, cancellationToken).ConfigureAwait(false);
            _counters.OnPublished();
            _counters.OnHandled();
            return true;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown deadline passed: left unacknowledged for the broker to redeliver.
            LogAbandoned(_logger, message.Topic, ex.GetType().Name);
            return false;
        }
#pragma warning disable CA1031 // one failed request must not stop the endpoint; the requester retries after its timeout
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _counters.OnFailed();
            LogFailed(_logger, ex, message.Topic);
            return true;
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        base.Dispose();
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _abort.Dispose();
    }

    private IProvisioningGrain Provisioning(string spread) =>
        _grains.GetGrain<IProvisioningGrain>("p" + ((uint)StringComparer.Ordinal.GetHashCode(spread) % (uint)Math.Max(1, _options.Partitions)).ToString(CultureInfo.InvariantCulture));

    private void Reject(string reason, string topic, string detail)
    {
        _counters.OnRejected(reason);
        if (_limiter.ShouldLog(reason, out var suppressed))
        {
            LogRejected(_logger, reason, topic, detail, suppressed);
        }
    }

    [LoggerMessage(EventId = 8141, Level = LogLevel.Information, Message = "Provisioning endpoint {ClientId} serving on {Host}:{Port}")]
    private static partial void LogStarted(ILogger logger, string clientId, string host, int port);

    [LoggerMessage(EventId = 8142, Level = LogLevel.Warning, Message = "Provisioning request rejected ({Reason}) on {Topic}: {Detail} ({Suppressed} more of this kind were not logged)")]
    private static partial void LogRejected(ILogger logger, string reason, string topic, string detail, long suppressed);

    [LoggerMessage(EventId = 8144, Level = LogLevel.Information, Message = "Provisioning endpoint stopping: waiting for {Count} requests in hand")]
    private static partial void LogDraining(ILogger logger, int count);

    [LoggerMessage(EventId = 8145, Level = LogLevel.Information, Message = "Provisioning request on {Topic} abandoned at the shutdown deadline ({Exception}); the broker redelivers it")]
    private static partial void LogAbandoned(ILogger logger, string topic, string exception);

    [LoggerMessage(EventId = 8143, Level = LogLevel.Error, Message = "Provisioning request on {Topic} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string topic);
}
