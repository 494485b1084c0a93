using System.ComponentModel;
using System.Text.Json;

namespace Twins.Actors.Invocation;

/// <summary>
/// One call to a grain method: generated per method, it holds the arguments, invokes the grain and
/// serializes its arguments when the call leaves the process. In-silo calls pass it (and the arguments it
/// references) without copying: arguments are immutable records by convention.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    /// <summary>The grain interface the call was made through.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>The method's index in the interface (stable for one build of the interface).</summary>
    public abstract int MethodId { get; }

    /// <summary>The method's name.</summary>
    public abstract string MethodName { get; }

    /// <summary>The number of arguments.</summary>
    public abstract int ArgumentCount { get; }

    /// <summary>Interleaving flags from the method's attributes.</summary>
    public virtual InvokeMethodOptions Flags => InvokeMethodOptions.None;

    /// <summary>Whether the method is <see cref="OneWayAttribute">one-way</see>: nobody waits for its answer.</summary>
    public bool IsOneWay => (Flags & InvokeMethodOptions.OneWay) != 0;

    /// <summary>The grain the request is addressed to (set when it is sent).</summary>
    public GrainId TargetId { get; internal set; }

    /// <summary>When the request was sent, in <see cref="TimeProvider.GetTimestamp"/> units of the silo's clock.</summary>
    public long SentTimestamp { get; internal set; }

    /// <summary>The task the caller awaits (null for runtime-internal requests such as timer ticks).</summary>
    public abstract Task? ResponseTask { get; }

    /// <summary>Whether the caller has been answered (result, exception or timeout).</summary>
    public bool IsAnswered => ResponseTask?.IsCompleted ?? false;

    /// <summary>Argument <paramref name="index"/>, boxed (for filters).</summary>
    public abstract object? GetArgument(int index);

    /// <summary>Replaces argument <paramref name="index"/> (for filters).</summary>
    public abstract void SetArgument(int index, object? value);

    /// <summary>Writes the arguments as a JSON array.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, GrainCodec codec);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, GrainCodec codec);

    /// <summary>Writes the successful result of the completed <see cref="ResponseTask"/>.</summary>
    public abstract void WriteResult(Utf8JsonWriter writer, GrainCodec codec);

    /// <summary>Completes the caller with a result read from JSON written by <see cref="WriteResult"/>.</summary>
    public abstract void SetResult(ref Utf8JsonReader reader, GrainCodec codec);

    /// <summary>Fails the caller; false when it was already answered.</summary>
    public abstract bool TrySetException(Exception exception);

    /// <summary>Completes a one-way request's caller (no result): the request reached its destination.</summary>
    internal abstract bool TrySetDelivered();

    /// <summary>Makes the request ready to send: creates the task the caller awaits.</summary>
    public abstract void Prepare(GrainId target, long sentTimestamp);

    /// <summary>Runs the request as a turn of <paramref name="activation"/>.</summary>
    internal abstract void Execute(Internal.Activation activation);

    /// <summary>Called by the activation after the turn ended (runtime-internal requests override it).</summary>
    internal virtual void OnTurnEnded(Internal.Activation activation)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceType.Name}.{MethodName} on {TargetId}";
}
