using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Certificates.Grains;

/// <summary><see cref="IVinAllowList"/> backed by the persisted <see cref="IVinAllowListGrain"/>.</summary>
internal sealed class GrainVinAllowList(IGrainFactory grains) : IVinAllowList
{
    private IVinAllowListGrain Grain => grains.GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey);

    public async ValueTask<bool> IsAllowedAsync(string vin, CancellationToken cancellationToken = default) =>
        await Grain.ContainsAsync(vin).ConfigureAwait(false);

    public async ValueTask<bool> AddAsync(string vin, CancellationToken cancellationToken = default) =>
        await Grain.AddAsync([vin]).ConfigureAwait(false) > 0;

    public async ValueTask<bool> RemoveAsync(string vin, CancellationToken cancellationToken = default) =>
        await Grain.RemoveAsync([vin]).ConfigureAwait(false) > 0;

    public async ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        await Grain.ListAsync().ConfigureAwait(false);
}
