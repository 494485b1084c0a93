using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Twins.Actors.Invocation;

/// <summary>Proxy factories and request factories per grain interface, filled by generated module initializers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceRegistration> ByType = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceRegistration> ByName = new(StringComparer.Ordinal);

    /// <summary>Registers interface <typeparamref name="TInterface"/> (called by generated code).</summary>
    public static void Register<TInterface>(string grainType, Func<IGrainCallDispatcher, GrainId, TInterface> proxyFactory, Func<GrainRequest>[] requestFactories)
        where TInterface : class
    {
        ArgumentNullException.ThrowIfNull(proxyFactory);
        var registration = new GrainInterfaceRegistration(typeof(TInterface), grainType, (d, id) => proxyFactory(d, id), requestFactories);
        ByType[typeof(TInterface)] = registration;
        ByName[typeof(TInterface).FullName ?? typeof(TInterface).Name] = registration;
    }

    /// <summary>The registration of <paramref name="interfaceType"/>; throws naming the missing generator output.</summary>
    public static GrainInterfaceRegistration Get(Type interfaceType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        if (ByType.TryGetValue(interfaceType, out var registration))
        {
            return registration;
        }

        // The generated module initializer runs when its assembly is first used; make sure it has.
        RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        return ByType.TryGetValue(interfaceType, out registration)
            ? registration
            : throw new InvalidOperationException($"'{interfaceType.FullName}' has no generated proxy. Grain interfaces must derive from IGrain or IGrainObserver and live in a project that references Twins.Actors (which runs its source generator).");
    }

    /// <summary>The registration of the interface with full name <paramref name="interfaceName"/> (for remote calls).</summary>
    public static GrainInterfaceRegistration? Find(string interfaceName) => ByName.TryGetValue(interfaceName, out var r) ? r : null;
}
