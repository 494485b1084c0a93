using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Gateway.Diagnostics;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Gateway;

/// <summary>
/// The grains' outbound port: one MQTT connection (<c>{ClientIdPrefix}-out</c>) that publishes replies,
/// deltas, command requests and events at QoS 1. Messages are handed to the client's FIFO send queue in
/// the order given and never awaited by the grain; the client resends them across reconnects.
/// </summary>
public sealed partial class GatewayPublisher : IVehicleOutbound, IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly GatewayOptions _options;
    private readonly GatewayCounters _counters;
    private readonly ILogger<GatewayPublisher> _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the publisher; <see cref="StartAsync"/> connects it.</summary>
    public GatewayPublisher(IOptions<GatewayOptions> options, GatewayCounters counters, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options.Value;
        _counters = counters;
        _time = time;
        _logger = loggers.CreateLogger<GatewayPublisher>();
        _client = new MqttClient(loggers.CreateLogger<MqttClient>());
    }

    /// <summary>The client id of the publisher's connection.</summary>
    public string ClientId => $"{_options.ClientIdPrefix}-out";

    /// <summary>True while connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects, retrying with backoff until it succeeds or <paramref name="cancellationToken"/> fires.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        Internal.Connector.ConnectAsync(_client, Internal.Connector.Options(_options, ClientId, sessionExpiry: TimeSpan.Zero, receiveMaximum: 16, adoptSession: false), _options, _logger, cancellationToken);

    /// <inheritdoc />
    public void Publish(IReadOnlyList<OutboundMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            Task<MqttClientPublishResult> publish;
            var activity = GatewayDiagnostics.StartPublish(message.Topic, ClientId, message.Payload.Length, out var traceProperties);
            try
            {
                publish = _client.PublishAsync(new MqttApplicationMessage
                {
                    Topic = message.Topic,
                    Payload = message.Payload,
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                    Retain = message.Retain,
                    MessageExpiryInterval = message.MessageExpiryInterval,
                    ResponseTopic = message.ResponseTopic,
                    CorrelationData = message.CorrelationData,
                    ContentType = message.Payload.Length == 0 ? null : "application/json",
                    UserProperties = traceProperties ?? (IReadOnlyList<MqttUserProperty>)[],
                });
            }
#pragma warning disable CA1031 // a message that cannot be queued is counted and logged; the grain's change is already durable
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _counters.OnPublishFailed();
                LogPublishFailed(_logger, ex, message.Topic);
                GatewayDiagnostics.Stop(activity, ex.GetType().FullName);
                continue;
            }

            _ = publish.ContinueWith(
                static (t, state) =>
                {
                    var (self, topic, activity) = ((GatewayPublisher, string, Activity?))state!;
                    if (t.IsCompletedSuccessfully && t.Result.IsSuccess)
                    {
                        self._counters.OnPublished();
                        GatewayDiagnostics.Stop(activity, null);
                    }
                    else
                    {
                        self._counters.OnPublishFailed();
                        LogPublishFailed(self._logger, t.Exception?.GetBaseException(), topic);
                        GatewayDiagnostics.Stop(activity, t.IsCompletedSuccessfully ? t.Result.ReasonCode.ToString() : t.Exception?.GetBaseException().GetType().FullName ?? "canceled");
                    }
                },
                (this, message.Topic, activity),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Gateway could not publish to {Topic}")]
    private static partial void LogPublishFailed(ILogger logger, Exception? exception, string topic);
}
