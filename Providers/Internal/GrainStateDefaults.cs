namespace Twins.Providers.Internal;

/// <summary>What a state holds when no record exists (a fresh state is never null, as in Orleans' own providers).</summary>
internal static class GrainStateDefaults
{
    public static T Create<T>() => Activator.CreateInstance<T>();
}
