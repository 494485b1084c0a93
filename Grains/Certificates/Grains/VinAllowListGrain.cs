using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Certificates.Grains;

/// <summary>The persisted VIN allow-list; see <see cref="IVinAllowListGrain"/>.</summary>
[GrainType("vin-allow-list")]
internal sealed class VinAllowListGrain : Grain, IVinAllowListGrain
{
    private readonly IPersistentState<VinAllowListState> _state;
    private readonly CertificateServices _services;
    private bool _seeded;

    public VinAllowListGrain([PersistentState("allow-list")] IPersistentState<VinAllowListState> state, CertificateServices services)
    {
        _state = state;
        _services = services;
    }

    private VinAllowListState List => _state.RecordExists && _state.State is { } list ? list : VinAllowListState.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Configured VINs are added once each (see VinAllowListState.Configured): a restart neither rewrites
        // the list nor brings back a VIN an operator removed.
        if (!_seeded && _services.Options.AllowedVins.Count > 0)
        {
            _seeded = true;
            var seeded = List.WithConfigured(_services.Options.AllowedVins, out _);
            if (!ReferenceEquals(seeded, List))
            {
                _state.State = seeded;
                await _state.WriteStateAsync(cancellationToken);
            }
        }
    }

    public Task<bool> ContainsAsync(string vin) =>
        Task.FromResult(VehicleNames.NormalizeVin(vin) is { } normalized && List.Vins.Contains(normalized));

    public async Task<int> AddAsync(IReadOnlyList<string> vins)
    {
        ArgumentNullException.ThrowIfNull(vins);
        var builder = List.Vins.ToBuilder();
        var added = 0;
        foreach (var vin in vins)
        {
            var normalized = VehicleNames.NormalizeVin(vin) ?? throw new ArgumentException($"'{vin}' is not a VIN.", nameof(vins));
            added += builder.Add(normalized) ? 1 : 0;
        }

        if (added > 0)
        {
            _state.State = List with { Vins = builder.ToImmutable() };
            await _state.WriteStateAsync();
        }

        return added;
    }

    public async Task<int> RemoveAsync(IReadOnlyList<string> vins)
    {
        ArgumentNullException.ThrowIfNull(vins);
        var builder = List.Vins.ToBuilder();
        var removed = vins.Count(v => VehicleNames.NormalizeVin(v) is { } n && builder.Remove(n));
        if (removed > 0)
        {
            _state.State = List with { Vins = builder.ToImmutable() };
            await _state.WriteStateAsync();
        }

        return removed;
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. List.Vins]);
}
