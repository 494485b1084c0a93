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

    /// <summary>
    /// Finishes a call to a <c>void</c> (one-way) observer method: throws at once when the request could not be
    /// delivered at all (its host is known to be gone), so <see cref="ObserverManager{TIdentity, TObserver}.Notify"/>
    /// drops the subscriber; a later failure is observed and dropped, as a one-way call has no answer.
    /// </summary>
    protected static void CompleteOneWay(Task call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IsFaulted)
        {
            call.GetAwaiter().GetResult();
        }
        else if (!call.IsCompleted)
        {
            call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && other.GrainId == GrainId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}
