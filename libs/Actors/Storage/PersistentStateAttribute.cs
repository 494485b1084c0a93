namespace Twins.Actors.Storage;

/// <summary>
/// On a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the state's name and
/// the storage provider that holds it (null: the default provider).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state's name, unique per grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The provider's name, as registered with the silo builder; null for the default.</summary>
    public string? StorageName { get; } = storageName;
}
