using System.Linq;
using Microsoft.CodeAnalysis;

namespace Twins.Actors.Generator;

/// <summary>The runtime types the generator recognises, resolved once per compilation.</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol grain, INamedTypeSymbol observer)
    {
        Grain = grain;
        Observer = observer;
        GrainWithStringKey = compilation.GetTypeByMetadataName("Twins.Actors.IGrainWithStringKey");
        GrainWithGuidKey = compilation.GetTypeByMetadataName("Twins.Actors.IGrainWithGuidKey");
        Addressable = compilation.GetTypeByMetadataName("Twins.Actors.IAddressable");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Delegate = compilation.GetTypeByMetadataName("System.Delegate");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        Enumerable = compilation.GetTypeByMetadataName("System.Collections.IEnumerable");
    }

    public INamedTypeSymbol Grain { get; }
    public INamedTypeSymbol Observer { get; }
    public INamedTypeSymbol? GrainWithStringKey { get; }
    public INamedTypeSymbol? GrainWithGuidKey { get; }
    public INamedTypeSymbol? Addressable { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Delegate { get; }
    public INamedTypeSymbol? Stream { get; }
    public INamedTypeSymbol? Enumerable { get; }

    public static KnownSymbols? Create(Compilation compilation)
    {
        var grain = compilation.GetTypeByMetadataName("Twins.Actors.IGrain");
        var observer = compilation.GetTypeByMetadataName("Twins.Actors.IGrainObserver");
        return grain is null || observer is null ? null : new KnownSymbols(compilation, grain, observer);
    }

    /// <summary>True for an interface deriving from IGrain, other than the runtime's marker interfaces.</summary>
    public bool IsGrainInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && !IsMarker(type) && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, Grain));

    /// <summary>True for an interface deriving from IGrainObserver (and not from IGrain).</summary>
    public bool IsObserverInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && !IsMarker(type) && !IsGrainInterface(type)
        && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, Observer));

    /// <summary>Grain, observer or IAddressable-derived interface: travels as a reference.</summary>
    public bool IsReferenceType(ITypeSymbol type) =>
        type is INamedTypeSymbol named && named.TypeKind == TypeKind.Interface
        && (SymbolEqualityComparer.Default.Equals(named, Addressable) || named.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, Addressable)));

    public bool IsMarker(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, Grain)
        || SymbolEqualityComparer.Default.Equals(type, Observer)
        || SymbolEqualityComparer.Default.Equals(type, GrainWithStringKey)
        || SymbolEqualityComparer.Default.Equals(type, GrainWithGuidKey)
        || SymbolEqualityComparer.Default.Equals(type, Addressable);
}
