using System.Collections.Concurrent;

namespace Twins.Grains.Provisioning;

/// <summary>An allow-list held in memory (tests, single-process runs; seeded from configuration).</summary>
public sealed class InMemoryVinAllowList : IVinAllowList
{
    private readonly ConcurrentDictionary<string, byte> _vins = new(StringComparer.Ordinal);

    /// <summary>Creates the list with <paramref name="vins"/> allowed.</summary>
    public InMemoryVinAllowList(IEnumerable<string>? vins = null)
    {
        foreach (var vin in vins ?? [])
        {
            if (VehicleNames.NormalizeVin(vin) is { } normalized)
            {
                _vins.TryAdd(normalized, 0);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsAllowedAsync(string vin, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(VehicleNames.NormalizeVin(vin) is { } normalized && _vins.ContainsKey(normalized));

    /// <inheritdoc/>
    public ValueTask<bool> AddAsync(string vin, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(VehicleNames.NormalizeVin(vin) is { } normalized && _vins.TryAdd(normalized, 0));

    /// <inheritdoc/>
    public ValueTask<bool> RemoveAsync(string vin, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(VehicleNames.NormalizeVin(vin) is { } normalized && _vins.TryRemove(normalized, out _));

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<string>>([.. _vins.Keys.Order(StringComparer.Ordinal)]);
}
