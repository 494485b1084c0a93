namespace Twins.Grains.Provisioning;

/// <summary>The VINs allowed to provision (managed through this interface now, GraphQL later). VINs are compared normalized.</summary>
public interface IVinAllowList
{
    /// <summary>True when <paramref name="vin"/> may provision.</summary>
    ValueTask<bool> IsAllowedAsync(string vin, CancellationToken cancellationToken = default);

    /// <summary>Allows <paramref name="vin"/>; returns false if it was already allowed or is not a VIN.</summary>
    ValueTask<bool> AddAsync(string vin, CancellationToken cancellationToken = default);

    /// <summary>Stops allowing <paramref name="vin"/>; returns false if it was not allowed.</summary>
    ValueTask<bool> RemoveAsync(string vin, CancellationToken cancellationToken = default);

    /// <summary>Every allowed VIN (normalized), sorted.</summary>
    ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);
}
