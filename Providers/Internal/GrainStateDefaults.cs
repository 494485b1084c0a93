namespace Twins.Providers.Internal;

/// <summary>What a state holds when no record exists (a fresh state is never null, as in Orleans' own providers).</summary>
internal static class GrainStateDefaults
{
    /// <summary>A new <typeparamref name="T"/>; for a type without a public parameterless constructor, the state the activation already holds.</summary>
    public static T Create<T>(T current) =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : current;
}
