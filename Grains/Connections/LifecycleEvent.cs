using System.Text.Json;
using System.Text.Json.Nodes;
using Twins.Grains.Internal;
using Twins.Grains.Routing;

namespace Twins.Grains.Connections;

/// <summary>
/// An AWS IoT lifecycle event: <c>{"clientId","timestamp"(ms),"eventType","sessionIdentifier",
/// "principalIdentifier","ipAddress"(connect),"clientInitiatedDisconnect","disconnectReason"(disconnect),"versionNumber"}</c>.
/// </summary>
/// <param name="ClientId">The client the event is about.</param>
/// <param name="Timestamp">When the broker saw it.</param>
/// <param name="EventType">Connected or disconnected.</param>
/// <param name="SessionIdentifier">The session's id.</param>
/// <param name="PrincipalIdentifier">The certificate id the client authenticated with.</param>
/// <param name="IpAddress">The client's address (connected events).</param>
/// <param name="ClientInitiatedDisconnect">Whether the client ended the session (disconnected events).</param>
/// <param name="DisconnectReason">Why the session ended (disconnected events).</param>
/// <param name="VersionNumber">Shared by the connect and disconnect of one session; grows across sessions.</param>
public sealed record LifecycleEvent(
    string ClientId,
    DateTimeOffset Timestamp,
    PresenceEventType EventType,
    string? SessionIdentifier,
    string? PrincipalIdentifier,
    string? IpAddress,
    bool? ClientInitiatedDisconnect,
    DisconnectReason? DisconnectReason,
    long VersionNumber)
{
    /// <summary>
    /// Parses an event payload. When the topic's client id and event type are given, the payload must
    /// agree with them (a vehicle may only speak for itself).
    /// </summary>
    public static LifecycleEvent? Parse(ReadOnlySpan<byte> payload, PresenceRoute? route, out string? error)
    {
        if (JsonUtf8.ParseObject(payload, out error) is not { } root)
        {
            return null;
        }

        var clientId = String(root, "clientId");
        if (string.IsNullOrEmpty(clientId))
        {
            error = "clientId is required.";
            return null;
        }

        if (Integer(root, "timestamp") is not { } timestampMs || timestampMs < 0)
        {
            error = "timestamp must be epoch milliseconds.";
            return null;
        }

        PresenceEventType? eventType = String(root, "eventType") switch
        {
            "connected" => PresenceEventType.Connected,
            "disconnected" => PresenceEventType.Disconnected,
            _ => null,
        };
        if (eventType is null)
        {
            error = "eventType must be connected or disconnected.";
            return null;
        }

        if (Integer(root, "versionNumber") is not { } version || version < 0)
        {
            error = "versionNumber must be a non-negative integer.";
            return null;
        }

        if (route is not null && (!string.Equals(route.ClientId, clientId, StringComparison.Ordinal) || route.EventType != eventType))
        {
            error = "clientId and eventType must match the topic.";
            return null;
        }

        bool? clientInitiated = null;
        if (root.TryGetPropertyValue("clientInitiatedDisconnect", out var initiatedNode) && initiatedNode is not null)
        {
            if (initiatedNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "clientInitiatedDisconnect must be a boolean.";
                return null;
            }

            clientInitiated = initiatedNode.GetValue<bool>();
        }

        DisconnectReason? reason = null;
        if (root.TryGetPropertyValue("disconnectReason", out var reasonNode) && reasonNode is not null)
        {
            if (!DisconnectReasonNames.TryParse(reasonNode.GetValueKind() == JsonValueKind.String ? reasonNode.GetValue<string>() : null, out var parsed))
            {
                error = "disconnectReason is not one of AWS IoT's values.";
                return null;
            }

            reason = parsed;
        }

        error = null;
        return new LifecycleEvent(
            clientId,
            DateTimeOffset.FromUnixTimeMilliseconds(timestampMs),
            eventType.Value,
            String(root, "sessionIdentifier"),
            String(root, "principalIdentifier"),
            String(root, "ipAddress"),
            clientInitiated,
            reason,
            version);
    }

    private static string? String(JsonObject root, string name) =>
        root[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static long? Integer(JsonObject root, string name) =>
        root[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;
}
