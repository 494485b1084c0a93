using Twins.Grains.Commands;
using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Grains.Vehicles;

internal sealed partial class VehicleGrain
{
    public async Task<CancelCommandResult> CancelCommandAsync(string executionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionId);
        var step = _services.Commands.Cancel(Commands, ThingName, executionId, Now);

        // Written (and the CANCELED event published) before answering, like every accepted change.
        await ApplyCommandStepAsync(step);
        return new CancelCommandResult(step.CancelOutcome ?? CommandCancelOutcome.NotFound, step.Ledger.Find(executionId));
    }
}
