using System.Text.Json;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Routing;

namespace Twins.Gateway.Certificates;

/// <summary>What the gateway tells the certificate grains after the vehicle grain accepted a message.</summary>
internal static class VehicleCertificateHooks
{
    /// <summary>Execution ids of rotation commands contain this marker (see the rotation workflow's ids).</summary>
    private const string RotationMarker = "-rot-";

    /// <summary>
    /// A lifecycle event the vehicle grain applied: a connected event goes to the vehicle's certificates grain
    /// (first connection, earlier certificates revoked, rotation confirmed); every event naming a certificate
    /// goes to that certificate's grain, whose security finding (copied certificate, DUPLICATE_CLIENTID storm)
    /// starts a rotation of its owner's certificate.
    /// </summary>
    public static async Task OnLifecycleEventAsync(IGrainFactory grains, PresenceRoute presence, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(presence);
        var principal = PrincipalOf(payload);
        if (presence.EventType == PresenceEventType.Connected && principal is not null)
        {
            await grains.GetGrain<IVehicleCertificatesGrain>(presence.ClientId).OnConnectedAsync(principal).ConfigureAwait(false);
        }

        if (principal is not null
            && await grains.GetGrain<ICertificateGrain>(principal).ObserveLifecycleEventAsync(payload.ToArray()).ConfigureAwait(false) is { } finding)
        {
            await grains.GetGrain<IVehicleCertificatesGrain>(finding.ThingName).ReportSecurityFindingAsync(finding.Description).ConfigureAwait(false);
        }
    }

    /// <summary>A command response the vehicle grain applied: a rotation waiting for it moves on.</summary>
    public static async Task OnCommandUpdatedAsync(IGrainFactory grains, string thingName, string executionId)
    {
        if (executionId.Contains(RotationMarker, StringComparison.Ordinal))
        {
            await grains.GetGrain<IVehicleCertificatesGrain>(thingName).OnCommandUpdatedAsync(executionId).ConfigureAwait(false);
        }
    }

    /// <summary>The event's <c>principalIdentifier</c> when it is a certificate id (SHA-256 in lower-case hex), else <c>null</c>.</summary>
    private static string? PrincipalOf(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("principalIdentifier", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } principal
                && principal.Length == 64 && principal.All(char.IsAsciiHexDigitLower)
                ? principal
                : null;
        }
        catch (JsonException)
        {
            // The vehicle grain already accepted the event, so this does not happen; without a principal nothing changes.
            return null;
        }
    }
}
