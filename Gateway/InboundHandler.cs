using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Actors;
using Twins.Gateway.Internal;
using Twins.Grains.Commands;
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
    private readonly GatewayCounters _counters;
    private readonly TelemetryPayloadDecoder _decoder;
    private readonly RateLimitedLog _limiter;
    private readonly ILogger<InboundHandler> _logger;

    public InboundHandler(IGrainFactory grains, GatewayCounters counters, IOptions<TelemetryDescriptorOptions> descriptors, TimeProvider time, ILogger<InboundHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _grains = grains;
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
                if (result.Error is not null)
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
