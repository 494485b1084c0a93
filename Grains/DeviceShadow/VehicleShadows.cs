using System.Collections.Immutable;

namespace Twins.Grains.DeviceShadow;

/// <summary>
/// Every shadow of one vehicle (classic and named) as its VehicleGrain persists them. The classic
/// shadow is stored under the empty key. Immutable: <see cref="With"/> returns a new set.
/// </summary>
/// <param name="Shadows">Shadow name ("" for classic) → state.</param>
public sealed record VehicleShadows(ImmutableDictionary<string, ShadowState> Shadows)
{
    /// <summary>The key of the classic shadow.</summary>
    public const string ClassicKey = "";

    /// <summary>A vehicle without shadows.</summary>
    public static VehicleShadows Empty { get; } = new(ImmutableDictionary<string, ShadowState>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The shadow named <paramref name="shadowName"/> (<c>null</c> for classic), or a new one if never written.</summary>
    public ShadowState Get(string? shadowName) =>
        Shadows.TryGetValue(shadowName ?? ClassicKey, out var state) ? state : ShadowState.New(shadowName);

    /// <summary>This set with <paramref name="state"/> stored under its name.</summary>
    public VehicleShadows With(ShadowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new VehicleShadows(Shadows.SetItem(state.ShadowName ?? ClassicKey, state));
    }

    /// <summary>(Twins) The <c>/update/delta</c> payload of every existing shadow with a delta, to publish when the vehicle connects.</summary>
    public IReadOnlyList<(string? ShadowName, ReadOnlyMemory<byte> Payload)> DeltasOnConnect(DateTimeOffset now)
    {
        var deltas = new List<(string?, ReadOnlyMemory<byte>)>();
        foreach (var (_, state) in Shadows.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (ShadowEngine.DeltaOnConnect(state, now) is { } payload)
            {
                deltas.Add((state.ShadowName, payload));
            }
        }

        return deltas;
    }
}
