using Orleans.Placement;

namespace Twins.Providers.Tests.Cluster;

/// <summary>Activates on the silo that calls it first, so a test knows which silo to kill.</summary>
[PreferLocalPlacement]
public sealed class OdometerGrain(
    [PersistentState("odometer", ProviderClusterFixture.StorageName)] IPersistentState<OdometerState> state,
    ILocalSiloDetails silo) : Grain, IOdometerGrain
{
    public async Task<int> DriveAsync(int km)
    {
        state.State.Km += km;
        await state.WriteStateAsync();
        return state.State.Km;
    }

    public Task<int> ReadAsync() => Task.FromResult(state.State.Km);

    public Task<SiloAddress> HostAsync() => Task.FromResult(silo.SiloAddress);
}
