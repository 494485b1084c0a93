using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Gateway.Internal;
using Twins.Grains.Commands;
using Twins.Grains.DeviceShadow;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Routing;
using Twins.Grains.Telemetry;
using Twins.Mqtt.Client;

namespace Twins.Gateway;

/// <summary>
/// Turns one inbound message of the vehicle contract into a grain call. Replies are published by the
/// grain through the outbound port; what is left here is decoding, the counters and a rate-limited log
/// for bad input that has no contract reply.
/// </summary>
internal sealed partial class InboundHandler
{
    private readonly IGrainFactory _grains;
    private readonly GatewayOptions _options;
    private readonly GatewayPublisher _publisher;
    private readonly TopicBuilder _topics;
    private readonly TimeProvider _time;
    private readonly GatewayCounters _counters;
    private readonly TelemetryPayloadDecoder _decoder;
    private readonly RateLimitedLog _limiter;
    private readonly ILogger<InboundHandler> _logger;

    public InboundHandler(IGrainFactory grains, IOptions<GatewayOptions> options, GatewayPublisher publisher, GatewayCounters counters, IOptions<TelemetryDescriptorOptions> descriptors, TimeProvider time, ILogger<InboundHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(descriptors);
        _grains = grains;
        _options = options.Value;
        _publisher = publisher;
        _topics = new TopicBuilder(new TopicOptions { AwsPrefix = _options.AwsTopicPrefix, TwinsPrefix = _options.TwinsTopicPrefix });
        _time = time;
        _counters = counters;
        _decoder = new TelemetryPayloadDecoder(new TelemetryDescriptorSet(descriptors.Value.Descriptors));
        _limiter = new RateLimitedLog(time, TimeSpan.FromSeconds(10));
        _logger = logger;
    }

    /// <summary>The vehicle a routed message concerns (its ordering key), or <c>null</c>.</summary>
    public static string? VehicleOf(TopicRoute route) => route switch
    {
        ShadowRoute r => r.ThingName,
        PresenceRoute r => r.ClientId,
        CommandResponseRoute r => r.ThingName,
        TelemetryRoute r => r.ThingName,
        _ => null,
    };

    public void RejectUnroutable(string topic) => Reject("unknown-topic", topic, "not an inbound topic of the vehicle contract");

    /// <summary>
    /// The checks made before a message may take a vehicle's turn: the publisher's identity (when the broker
    /// stamps one, see <see cref="GatewayOptions.PublisherIdentityProperty"/>) and the payload size. False when the
    /// message was refused: counted, logged rate-limited, and for an oversize shadow request answered with 413.
    /// </summary>
    public bool Admit(MqttApplicationMessage message, TopicRoute route, string vehicle)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_options.PublisherIdentityProperty is { } property)
        {
            string? identity = null;
            foreach (var p in message.UserProperties)
            {
                if (string.Equals(p.Name, property, StringComparison.Ordinal))
                {
                    // A client may add its own copy next to the broker's: more than one value is not an identity.
                    identity = identity is null ? p.Value : "";
                }
            }

            if (identity is null)
            {
                Reject("identity-missing", message.Topic, $"no '{property}' user property; the broker must stamp the publisher's identity on every message");
                return false;
            }

            if (!string.Equals(identity, vehicle, StringComparison.Ordinal))
            {
                Reject("identity-mismatch", message.Topic, $"published by '{identity}', not by the thing the topic names");
                return false;
            }
        }

        if (message.Payload.Length > _options.MaxPayloadBytes)
        {
            if (route is ShadowRoute shadow)
            {
                ReplyShadowError(shadow, message, ShadowError.PayloadTooLarge);
            }

            Reject(route is ShadowRoute ? "shadow-413" : "payload-too-large", message.Topic, $"{message.Payload.Length} bytes, more than Gateway:MaxPayloadBytes = {_options.MaxPayloadBytes}");
            return false;
        }

        return true;
    }

    /// <summary>The thing already has <see cref="GatewayOptions.MaxInFlightPerThing"/> shadow requests in hand: 429 on the operation's rejected topic.</summary>
    public void RejectTooManyRequests(MqttApplicationMessage message, ShadowRoute shadow)
    {
        ArgumentNullException.ThrowIfNull(message);
        ReplyShadowError(shadow, message, ShadowError.TooManyRequests);
        Reject("shadow-429", message.Topic, $"more than {_options.MaxInFlightPerThing} shadow requests of {shadow.ThingName} in flight");
    }

    public async Task HandleAsync(MqttApplicationMessage message, TopicRoute route)
    {
        switch (route)
        {
            case ShadowRoute shadow:
            {
                var result = await Vehicle(shadow.ThingName).HandleShadowRequestAsync(shadow.ShadowName, shadow.Operation, message.Payload.ToArray()).ConfigureAwait(false);
                if (result.Duplicate)
                {
                    _counters.OnDuplicate();
                }
                else if (!result.Accepted)
                {
                    // The contract's error reply was published; counted, not logged.
                    _counters.OnRejected($"shadow-{result.ErrorCode}");
                }

                break;
            }

            case PresenceRoute presence:
            {
                if (!TopicNames.IsValidThingName(presence.ClientId))
                {
                    Reject("lifecycle-not-a-vehicle", message.Topic, "the client id is not a valid thing name");
                    break;
                }

                var result = await Vehicle(presence.ClientId).HandleLifecycleEventAsync(presence.EventType, message.Payload.ToArray()).ConfigureAwait(false);
                if (result.UnknownVehicle)
                {
                    Reject("lifecycle-unknown-vehicle", message.Topic, "no twin and no certificate: a lifecycle event does not create a vehicle");
                }
                else if (result.Error is not null)
                {
                    Reject("lifecycle-invalid", message.Topic, result.Error);
                }
                else if (!result.Applied)
                {
                    _counters.OnDuplicate();
                }
                else
                {
                    // The certificate side: first connection recorded, earlier certificates revoked, rotation confirmed, security findings.
                    await Certificates.VehicleCertificateHooks.OnLifecycleEventAsync(_grains, presence, message.Payload).ConfigureAwait(false);
                }

                break;
            }

            case CommandResponseRoute response:
            {
                var result = await Vehicle(response.ThingName).HandleCommandResponseAsync(response.ExecutionId, message.Payload.ToArray()).ConfigureAwait(false);
                if (result.Outcome == CommandResponseOutcome.Applied)
                {
                    await Certificates.VehicleCertificateHooks.OnCommandUpdatedAsync(_grains, response.ThingName, response.ExecutionId).ConfigureAwait(false);
                }

                switch (result.Outcome)
                {
                    case CommandResponseOutcome.Duplicate or CommandResponseOutcome.Stale:
                        _counters.OnDuplicate();
                        break;
                    case CommandResponseOutcome.UnknownExecution:
                        Reject("command-unknown-execution", message.Topic, result.Error ?? "unknown execution");
                        break;
                    case CommandResponseOutcome.Invalid:
                        Reject("command-invalid-response", message.Topic, result.Error ?? "invalid response");
                        break;
                }

                break;
            }

            case TelemetryRoute telemetry:
            {
                var properties = message.UserProperties.Count == 0 ? null : message.UserProperties.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList();
                var sample = _decoder.Decode(message.Payload.Span, message.ContentType, properties, out var error);
                if (sample is null)
                {
                    Reject($"telemetry-{error!.Code}", message.Topic, error.Message);
                    break;
                }

                var outcome = await Vehicle(telemetry.ThingName).RecordTelemetryAsync(sample).ConfigureAwait(false);
                if (outcome != TelemetrySampleOutcome.Accepted)
                {
                    _counters.OnDuplicate();
                }

                break;
            }

            default:
                RejectUnroutable(message.Topic);
                break;
        }
    }

    private IVehicleGrain Vehicle(string thingName) => _grains.GetGrain<IVehicleGrain>(thingName);

    private void ReplyShadowError(ShadowRoute shadow, MqttApplicationMessage message, ShadowError error)
    {
        var document = error.ToDocument(ShadowErrorReply.ReadClientToken(message.Payload.Span), _time.GetUtcNow());
        _publisher.Publish([new OutboundMessage(_topics.ShadowRejected(shadow.ThingName, shadow.ShadowName, shadow.Operation), document)]);
    }

    private void Reject(string reason, string topic, string detail)
    {
        _counters.OnRejected(reason);
        if (_limiter.ShouldLog(reason, out var suppressed))
        {
            LogRejected(_logger, reason, topic, detail, suppressed);
        }
    }

    [LoggerMessage(EventId = 7403, Level = LogLevel.Warning, Message = "Gateway rejected a message ({Reason}) on {Topic}: {Detail} ({Suppressed} more of this kind were not logged)")]
    private static partial void LogRejected(ILogger logger, string reason, string topic, string detail, long suppressed);
}
