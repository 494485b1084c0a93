using System.ComponentModel;
using System.Text.Json;
using Twins.Actors.Internal;

namespace Twins.Actors.Invocation;

/// <summary>A <see cref="GrainRequest"/> whose method returns <typeparamref name="TResult"/> (<c>object?</c> for no result).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequest
{
    private TaskCompletionSource<TResult>? _completion;

    /// <inheritdoc />
    public override Task? ResponseTask => _completion?.Task;

    /// <summary>The caller's task (valid after <see cref="Prepare"/>).</summary>
    public Task<TResult> Response => _completion?.Task ?? throw new InvalidOperationException("The request was not sent.");

    /// <summary>Calls the grain method on <paramref name="target"/>.</summary>
    protected abstract ValueTask<TResult> InvokeAsync(object target);

    /// <summary>Invokes the method directly (used by call filters).</summary>
    internal ValueTask<TResult> InvokeOn(object target) => InvokeAsync(target);

    /// <inheritdoc />
    public override void Prepare(GrainId target, long sentTimestamp)
    {
        TargetId = target;
        SentTimestamp = sentTimestamp;
        _completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes the caller with <paramref name="result"/>; false when already answered.</summary>
    public bool TrySetResult(TResult result) => _completion?.TrySetResult(result) ?? false;

    internal override bool TrySetDelivered() => TrySetResult(default!);

    /// <inheritdoc />
    public override bool TrySetException(Exception exception) => _completion?.TrySetException(exception) ?? false;

    /// <inheritdoc />
    public override void WriteResult(Utf8JsonWriter writer, GrainCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        codec.Write(writer, Response.Result);
    }

    /// <inheritdoc />
    public override void SetResult(ref Utf8JsonReader reader, GrainCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        TrySetResult(codec.Read<TResult>(ref reader)!);
    }

    /// <summary>Adapts a <see cref="Task{TResult}"/>.</summary>
    protected static ValueTask<TResult> FromResult(Task<TResult> task) => new(task);

    /// <summary>Adapts a <see cref="Task"/> (no result).</summary>
    protected static ValueTask<TResult> FromResult(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : AwaitAsync(task);

        static async ValueTask<TResult> AwaitAsync(Task task)
        {
            await task.ConfigureAwait(false);
            return default!;
        }
    }

    /// <summary>Adapts a <see cref="ValueTask"/> (no result).</summary>
    protected static ValueTask<TResult> FromResult(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? default : AwaitAsync(task);

        static async ValueTask<TResult> AwaitAsync(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return default!;
        }
    }

    internal override void Execute(Activation activation)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = activation.HasIncomingFilters
                ? activation.InvokeWithFiltersAsync(this)
                : InvokeAsync(activation.Instance!);
        }
#pragma warning disable CA1031 // the grain's exception goes to the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            activation.OnTurnEnded(this, ex);
            TrySetException(ex);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            // The turn is over (and the activation's bookkeeping done) before the caller resumes.
            var result = pending.Result;
            activation.OnTurnEnded(this, null);
            TrySetResult(result);
        }
        else
        {
            _ = AwaitTurnAsync(activation, pending);
        }
    }

    private async Task AwaitTurnAsync(Activation activation, ValueTask<TResult> pending)
    {
        TResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the grain's exception goes to the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            activation.OnTurnEnded(this, ex);
            TrySetException(ex);
            return;
        }

        activation.OnTurnEnded(this, null);
        TrySetResult(result);
    }
}
