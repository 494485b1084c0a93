using System.ComponentModel;

namespace Twins.Actors.Invocation;

/// <summary>Base class of generated proxies: a grain id plus the dispatcher that carries calls to it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates a reference.</summary>
    protected GrainReference(IGrainCallDispatcher dispatcher, GrainId grainId)
    {
        Dispatcher = dispatcher;
        GrainId = grainId;
    }

    /// <summary>The grain this reference calls.</summary>
    public GrainId GrainId { get; }

    /// <summary>The interface the proxy implements.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>The dispatcher that carries calls.</summary>
    protected IGrainCallDispatcher Dispatcher { get; }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && other.GrainId == GrainId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}
