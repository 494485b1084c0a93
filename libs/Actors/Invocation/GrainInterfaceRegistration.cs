using System.ComponentModel;

namespace Twins.Actors.Invocation;

/// <summary>A grain interface's grain type, proxy factory and per-method request factories.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainInterfaceRegistration
{
    private readonly Func<IGrainCallDispatcher, GrainId, object> _proxyFactory;
    private readonly Func<GrainRequest>[] _requestFactories;

    internal GrainInterfaceRegistration(Type interfaceType, string grainType, Func<IGrainCallDispatcher, GrainId, object> proxyFactory, Func<GrainRequest>[] requestFactories)
    {
        InterfaceType = interfaceType;
        GrainType = grainType;
        _proxyFactory = proxyFactory;
        _requestFactories = requestFactories;
    }

    /// <summary>The interface.</summary>
    public Type InterfaceType { get; }

    /// <summary>The grain type its ids carry.</summary>
    public string GrainType { get; }

    /// <summary>Creates a proxy.</summary>
    public object CreateProxy(IGrainCallDispatcher dispatcher, GrainId grainId) => _proxyFactory(dispatcher, grainId);

    /// <summary>Creates an empty request for method <paramref name="methodId"/> (to deserialize a remote call into).</summary>
    public GrainRequest CreateRequest(int methodId) =>
        (uint)methodId < (uint)_requestFactories.Length
            ? _requestFactories[methodId]()
            : throw new ArgumentOutOfRangeException(nameof(methodId), methodId, $"'{InterfaceType.Name}' has no method {methodId}.");
}
