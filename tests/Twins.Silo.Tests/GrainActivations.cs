namespace Twins.Silo.Tests;

/// <summary>What a test asks Orleans' management grain about one grain's activation.</summary>
internal static class GrainActivations
{
    /// <summary>Deactivates <paramref name="grain"/> (its next call activates it again from storage).</summary>
    public static Task DeactivateAsync(IGrainFactory grains, IAddressable grain) =>
        grains.GetGrain<IManagementGrain>(0).DeactivateGrain(grain.GetGrainId());

    /// <summary>Whether <paramref name="grain"/> has an activation anywhere in the cluster.</summary>
    public static async Task<bool> IsActiveAsync(IGrainFactory grains, IAddressable grain)
    {
        var id = grain.GetGrainId();
        return (await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(id.Type)).Contains(id);
    }
}
