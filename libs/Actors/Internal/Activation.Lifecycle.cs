using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>Activation and deactivation turns, and timers.</summary>
internal sealed partial class Activation
{
    private async Task ActivateAsync()
    {
        Exception? failure = null;
        try
        {
            _constructing = this;
            try
            {
                Instance = _class!.Create(Catalog.Services, this);
            }
            finally
            {
                _constructing = null;
            }

            if (_states is not null)
            {
                foreach (var state in _states)
                {
                    await state.ReadOnActivateAsync(Catalog.Stopping).ConfigureAwait(true);
                }
            }

            if (Instance is Grain grain)
            {
                await grain.OnActivateAsync(Catalog.Stopping).ConfigureAwait(true);
            }
        }
#pragma warning disable CA1031 // the failure goes to every waiting caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        List<GrainRequest>? orphans = null;
        bool schedule;
        lock (this)
        {
            _running--;
            _runningNotReadOnly--;
            _systemTurnStarted = false;
            if (failure is null)
            {
                _status = _deactivationReason.ReasonCode == DeactivationReasonCode.None ? ActivationStatus.Valid : ActivationStatus.Deactivating;
            }
            else
            {
                _status = ActivationStatus.Invalid;
                orphans = DrainPending();
            }

            _lastActive = Catalog.Time.GetTimestamp();
            schedule = failure is null && !_scheduled && (HasQueued || _status == ActivationStatus.Deactivating);
            _scheduled |= schedule;
        }

        if (failure is null)
        {
            Catalog.Metrics.Activated();
        }
        else
        {
            Catalog.Remove(this);
            Catalog.Metrics.ActivationFailed();
            Catalog.LogActivationFailed(GrainId, failure);
            foreach (var request in orphans!)
            {
                request.TrySetException(failure);
            }

            _deactivated?.TrySetResult();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private async Task RunDeactivationAsync()
    {
        var reason = _deactivationReason;
        try
        {
            if (Instance is Grain grain)
            {
                await grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(true);
            }
        }
#pragma warning disable CA1031 // a failing OnDeactivateAsync must not keep the activation alive
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Catalog.LogDeactivationFailed(GrainId, ex);
        }

        if (_timers is not null)
        {
            foreach (var timer in _timers.ToArray())
            {
                timer.Dispose();
            }
        }

        Catalog.Remove(this);
        List<GrainRequest> orphans;
        lock (this)
        {
            _status = ActivationStatus.Invalid;
            _running--;
            _runningNotReadOnly--;
            orphans = DrainPending();
        }

        Catalog.Metrics.Deactivated(reason.ReasonCode);
        Catalog.LogDeactivated(GrainId, reason);
        foreach (var request in orphans)
        {
            if (request is not TimerTickRequest)
            {
                // The next activation (created on demand, here or on the grain's new owner) serves the
                // calls that arrived meanwhile.
                Catalog.Reroute(request);
            }
        }

        _deactivated?.TrySetResult();
    }

    private List<GrainRequest> DrainPending()
    {
        var drained = new List<GrainRequest>((_pending?.Count ?? 0) + (_interleaving?.Count ?? 0));
        while (_interleaving is { Count: > 0 })
        {
            drained.Add(_interleaving.Dequeue());
        }

        while (_pending is { Count: > 0 })
        {
            drained.Add(_pending.Dequeue());
        }

        _pending = null;
        _interleaving = null;
        return drained;
    }

    public IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, new TimerTickRequest<TState>(GrainId, callback, state, options));
        lock (this)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Change(options.DueTime, options.Period);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }
}
