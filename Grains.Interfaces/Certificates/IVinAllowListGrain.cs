using Orleans.Concurrency;

namespace Twins.Grains.Interfaces.Certificates;

/// <summary>The VINs allowed to provision (key: <see cref="DefaultKey"/>); persisted. GraphQL manages it later.</summary>
[Alias("Twins.IVinAllowListGrain")]
public interface IVinAllowListGrain : IGrainWithStringKey
{
    /// <summary>The key of the fleet's allow-list.</summary>
    public const string DefaultKey = "default";

    /// <summary>Whether the VIN (normalized to upper-case letters and digits) is allowed.</summary>
    [ReadOnly]
    [Alias("ContainsAsync")]
    Task<bool> ContainsAsync(string vin);

    /// <summary>Adds VINs; returns how many were new. Invalid VINs are refused with <see cref="ArgumentException"/>.</summary>
    [Alias("AddAsync")]
    Task<int> AddAsync(IReadOnlyList<string> vins);

    /// <summary>Removes VINs; returns how many were present.</summary>
    [Alias("RemoveAsync")]
    Task<int> RemoveAsync(IReadOnlyList<string> vins);

    /// <summary>All allowed VINs, sorted.</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}
