using System.Diagnostics;
using OpenTelemetry.Context.Propagation;
using Twins.Grains.Routing;
using Twins.Mqtt.Client;
using Twins.Mqtt.Packets;

namespace Twins.Gateway.Diagnostics;

/// <summary>
/// The gateway's spans (activity source <c>Twins.Gateway</c>): one consumer span per inbound message, which
/// continues the trace of a <c>traceparent</c> user property (W3C Trace Context) when the vehicle sent one, and
/// one producer span per outbound publish, whose context leaves in the message's <c>traceparent</c> (and
/// <c>tracestate</c>) user properties so a vehicle or a cloud consumer can continue it. Names and attributes
/// follow the OpenTelemetry messaging conventions.
/// </summary>
/// <remarks>
/// Nothing here allocates while no listener samples the source (tracing off): <see cref="ActivitySource.HasListeners"/>
/// is checked before any tag, name or carrier is built.
/// </remarks>
internal static class GatewayDiagnostics
{
    /// <summary>The activity source name to register with a tracer provider.</summary>
    public const string ActivitySourceName = "Twins.Gateway";

    /// <summary>The user property that carries the W3C <c>traceparent</c>.</summary>
    public const string TraceParentProperty = "traceparent";

    /// <summary>The user property that carries the W3C <c>tracestate</c>.</summary>
    public const string TraceStateProperty = "tracestate";

    internal const string MessagingSystem = "mqtt";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly Func<IReadOnlyList<MqttUserProperty>, string, IEnumerable<string>?> Getter = static (properties, name) =>
    {
        List<string>? values = null;
        foreach (var property in properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                (values ??= []).Add(property.Value);
            }
        }

        return values;
    };

    private static readonly Action<List<MqttUserProperty>, string, string> Setter = static (properties, name, value) => properties.Add(new MqttUserProperty(name, value));

    /// <summary>The topic with its variable parts named, as the messaging conventions' <c>messaging.destination.template</c>.</summary>
    internal static string DestinationTemplate(TopicRoute route) => route switch
    {
        ShadowRoute { ShadowName: null } => "$aws/things/{thingName}/shadow/{operation}",
        ShadowRoute => "$aws/things/{thingName}/shadow/name/{shadowName}/{operation}",
        PresenceRoute => "$aws/events/presence/{eventType}/{clientId}",
        CommandResponseRoute => "$aws/commands/things/{thingName}/executions/{executionId}/response",
        TelemetryRoute => "twins/vehicles/{thingName}/telemetry",
        _ => "unrouted",
    };

    /// <summary>Starts the consumer span of an inbound message, child of the vehicle's <c>traceparent</c> when it has one; <c>null</c> when tracing is off.</summary>
    internal static Activity? StartProcess(MqttApplicationMessage message, TopicRoute route, string clientId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = message.UserProperties.Count == 0
            ? default
            : Propagators.DefaultTextMapPropagator.Extract(default, message.UserProperties, Getter).ActivityContext;

        // Without a traceparent from the vehicle, the span joins whatever is current (nothing in a worker loop).
        var activity = parent == default
            ? Source.StartActivity("process", ActivityKind.Consumer)
            : Source.StartActivity("process", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            var template = DestinationTemplate(route);
            activity.DisplayName = "process " + template;
            activity.SetTag("messaging.system", MessagingSystem);
            activity.SetTag("messaging.operation.name", "process");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", message.Topic);
            activity.SetTag("messaging.destination.template", template);
            activity.SetTag("messaging.client.id", clientId);
            activity.SetTag("messaging.message.body.size", message.Payload.Length);
        }

        return activity;
    }

    /// <summary>
    /// Starts the producer span of an outbound publish (child of the current span) and returns the user properties
    /// carrying its context (the caller stops it on the broker's acknowledgement); <c>null</c> and no properties when tracing is off or nothing is current.
    /// </summary>
    internal static Activity? StartPublish(string topic, string clientId, int payloadLength, out List<MqttUserProperty>? properties)
    {
        properties = null;
        if (!Source.HasListeners() || Activity.Current is null)
        {
            // A publish that is part of no operation (a timer's) starts no trace of its own.
            return null;
        }

        var parent = Activity.Current;
        var activity = Source.StartActivity("publish", ActivityKind.Producer);
        if (activity is null)
        {
            return null;
        }

        // The span ends on the broker's acknowledgement, after this call returned: the caller's span stays current.
        Activity.Current = parent;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("messaging.system", MessagingSystem);
            activity.SetTag("messaging.operation.name", "publish");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.client.id", clientId);
            activity.SetTag("messaging.message.body.size", payloadLength);
        }

        // Propagated even when not recorded, so the receiver keeps the sampling decision.
        properties = new List<MqttUserProperty>(2);
        Propagators.DefaultTextMapPropagator.Inject(new PropagationContext(activity.Context, default), properties, Setter);
        return activity;
    }

    /// <summary>Ends a span; <paramref name="errorType"/> marks it failed (the conventions' <c>error.type</c>).</summary>
    internal static void Stop(Activity? activity, string? errorType)
    {
        if (activity is null)
        {
            return;
        }

        if (errorType is not null && activity.IsAllDataRequested)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("error.type", errorType);
        }

        activity.Stop();
    }
}
