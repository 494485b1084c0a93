using System.Text.Json;
using Twins.Actors;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Gateway.Certificates;

/// <summary>What the gateway tells the certificate grains after the vehicle grain accepted a message.</summary>
internal static class VehicleCertificateHooks
{
    /// <summary>Execution ids of rotation commands contain this marker (see the rotation workflow's ids).</summary>
    private const string RotationMarker = "-rot-";

    /// <summary>A connected event: hands its <c>principalIdentifier</c> (the certificate id) to the vehicle's certificates grain.</summary>
    public static async Task OnConnectedAsync(IGrainFactory grains, string thingName, ReadOnlyMemory<byte> payload)
    {
        string? principal = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("principalIdentifier", out var value)
                && value.ValueKind == JsonValueKind.String)
            {
                principal = value.GetString();
            }
        }
        catch (JsonException)
        {
            // The vehicle grain already accepted the event, so this does not happen; without a principal nothing changes.
        }

        if (principal is not null)
        {
            await grains.GetGrain<IVehicleCertificatesGrain>(thingName).OnConnectedAsync(principal).ConfigureAwait(false);
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
}
