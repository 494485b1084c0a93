using System.Text.Json;

namespace Twins.Grains.DeviceShadow;

/// <summary>
/// One device shadow (classic or named) as a grain persists it. Immutable: every operation of
/// <see cref="ShadowEngine"/> returns a new state. The JSON sections are detached
/// <see cref="JsonElement"/>s, so the record serializes as plain nested JSON.
/// </summary>
/// <param name="ShadowName">The named shadow's name, or <c>null</c> for the classic shadow.</param>
/// <param name="Exists">False before the first update and after a delete.</param>
/// <param name="Version">The last version given out; kept across a delete so a shadow recreated within the retention window continues it.</param>
/// <param name="Desired">The desired section, absent when empty.</param>
/// <param name="Reported">The reported section, absent when empty.</param>
/// <param name="DesiredMetadata">Per-leaf <c>{"timestamp":T}</c> objects mirroring <paramref name="Desired"/>.</param>
/// <param name="ReportedMetadata">Per-leaf <c>{"timestamp":T}</c> objects mirroring <paramref name="Reported"/>.</param>
/// <param name="DeletedAt">When the shadow was last deleted, if it is deleted.</param>
public sealed record ShadowState(
    string? ShadowName,
    bool Exists,
    long Version,
    JsonElement? Desired,
    JsonElement? Reported,
    JsonElement? DesiredMetadata,
    JsonElement? ReportedMetadata,
    DateTimeOffset? DeletedAt)
{
    /// <summary>A shadow that has never been written.</summary>
    public static ShadowState New(string? shadowName = null) => new(shadowName, false, 0, null, null, null, null, null);

    /// <summary>True for the classic (unnamed) shadow.</summary>
    public bool IsClassic => ShadowName is null;
}
