using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Routing;

namespace Twins.Grains.Vehicles;

/// <summary>Which lifecycle events may create a twin.</summary>
internal sealed partial class VehicleGrain
{
    /// <summary>Anything of this vehicle is stored: it has a twin.</summary>
    private bool HasTwin => _shadows.RecordExists || _connection.RecordExists || _telemetry.RecordExists || _commands.RecordExists || _critical.RecordExists;

    /// <summary>
    /// A lifecycle event alone does not make a vehicle: for a vehicle with no twin, a disconnect is refused (no
    /// vehicle disconnects before it connected: a stray will or a forged event), and so is a connect unless the
    /// vehicle holds a certificate or <see cref="VehicleGrainOptions.AdmitUnprovisionedVehicles"/> is on. A
    /// refused event writes nothing and does not enter the fleet index.
    /// </summary>
    private async Task<bool> IsUnknownVehicleAsync(PresenceEventType eventType)
    {
        if (HasTwin)
        {
            return false;
        }

        if (eventType == PresenceEventType.Disconnected)
        {
            return true;
        }

        if (_services.AdmitUnprovisionedVehicles)
        {
            return false;
        }

        var certificates = await GrainFactory.GetGrain<IVehicleCertificatesGrain>(ThingName).GetAsync();
        return certificates.ActiveCertificateId is null;
    }
}
