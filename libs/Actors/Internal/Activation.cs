using Twins.Actors.Invocation;
using Twins.Actors.Storage;

namespace Twins.Actors.Internal;

/// <summary>
/// One activation of a grain: its mailbox and its turn scheduler. Work (requests, continuations of
/// running turns) is queued under a lock and drained by one thread-pool work item at a time, so grain code
/// never runs on two threads at once; the activation is also the <see cref="SynchronizationContext"/> of
/// its turns, so awaits in grain code resume on it. Idle activations hold no queue, task or timer, which
/// keeps a million of them within a few hundred bytes each.
/// </summary>
internal sealed partial class Activation : SynchronizationContext, IThreadPoolWorkItem, IGrainActivationContext
{
    private const int BatchLimit = 64;

    [ThreadStatic]
    private static Activation? _constructing;

    private readonly GrainClassRegistration? _class;
    private ActivationStatus _status;
    private bool _scheduled;
    private bool _systemTurnStarted;
    private int _running;
    private int _runningNotReadOnly;
    private Queue<GrainRequest>? _pending;
    private Queue<GrainRequest>? _interleaving;
    private Queue<(SendOrPostCallback Callback, object? State)>? _continuations;
    private List<GrainRequest>? _runningRequests;
    private List<IActivationState>? _states;
    private List<GrainTimer>? _timers;
    private long _lastActive;
    private long _keepAliveUntil;
    private DeactivationReason _deactivationReason;
    private TaskCompletionSource? _deactivated;

    public Activation(Catalog catalog, GrainId grainId, GrainClassRegistration? grainClass, object? instance = null)
    {
        Catalog = catalog;
        GrainId = grainId;
        _class = grainClass;
        Instance = instance;
        _lastActive = catalog.Time.GetTimestamp();
        if (instance is not null)
        {
            _status = ActivationStatus.Valid;
            IsPinned = true;
        }
    }

    /// <summary>The activation a grain constructor is running for (read by <see cref="Grain"/>'s constructor).</summary>
    internal static Activation? Constructing => _constructing;

    public Catalog Catalog { get; }

    public GrainId GrainId { get; }

    public object? Instance { get; private set; }

    /// <summary>Observer targets are pinned: never idle-collected.</summary>
    public bool IsPinned { get; }

    public bool HasIncomingFilters => Catalog.IncomingFilters.Length > 0;

    public long LastActive => Volatile.Read(ref _lastActive);

    public bool IsValid => _status == ActivationStatus.Valid;

    private static readonly Queue<GrainRequest> EmptyQueue = new();

    private bool HasQueued => _pending is { Count: > 0 } || _interleaving is { Count: > 0 };

    private bool IsReentrant => _class?.IsReentrant ?? IsPinned;

    /// <summary>Queues a request; false when the activation is gone and the caller must look up again.</summary>
    public bool TryEnqueue(GrainRequest request)
    {
        bool schedule;
        lock (this)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return false;
            }

            if (_status == ActivationStatus.Created)
            {
                _status = ActivationStatus.Activating;
            }

            if ((request.Flags & InvokeMethodOptions.AlwaysInterleave) != 0)
            {
                // Never waits behind a blocked exclusive request.
                (_interleaving ??= new Queue<GrainRequest>()).Enqueue(request);
            }
            else
            {
                (_pending ??= new Queue<GrainRequest>()).Enqueue(request);
            }

            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    /// <summary>Continuations of turns (grain code awaited something) come back here.</summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (this)
        {
            (_continuations ??= new Queue<(SendOrPostCallback, object?)>()).Enqueue((d, state));
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain turns cannot block on another turn of the same activation.");

    public override SynchronizationContext CreateCopy() => this;

    public void Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < BatchLimit; i++)
            {
                if (!RunNext())
                {
                    return;
                }
            }

            // Let other activations run; this one stays scheduled.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool RunNext()
    {
        (SendOrPostCallback Callback, object? State) continuation = default;
        GrainRequest? request = null;
        WorkKind kind;
        lock (this)
        {
            if (_continuations is { Count: > 0 })
            {
                continuation = _continuations.Dequeue();
                kind = WorkKind.Continuation;
            }
            else if (_status == ActivationStatus.Activating && !_systemTurnStarted)
            {
                _systemTurnStarted = true;
                StartExclusive();
                kind = WorkKind.Activate;
            }
            else if (_status == ActivationStatus.Valid && TryDequeueRunnable(out request))
            {
                kind = WorkKind.Request;
            }
            else if (_status == ActivationStatus.Deactivating && _running == 0 && !_systemTurnStarted)
            {
                _systemTurnStarted = true;
                StartExclusive();
                kind = WorkKind.Deactivate;
            }
            else
            {
                _scheduled = false;
                return false;
            }
        }

        switch (kind)
        {
            case WorkKind.Continuation:
                continuation.Callback!(continuation.State);
                break;
            case WorkKind.Request:
                request!.Execute(this);
                break;
            case WorkKind.Activate:
                _ = ActivateAsync();
                break;
            case WorkKind.Deactivate:
                _ = RunDeactivationAsync();
                break;
        }

        return true;
    }

    private bool TryDequeueRunnable(out GrainRequest? request)
    {
        if (_interleaving is { Count: > 0 })
        {
            request = _interleaving.Dequeue();
            StartRequest(request);
            return true;
        }

        while (_pending is { Count: > 0 })
        {
            var next = _pending.Peek();
            if (next.IsAnswered)
            {
                // Timed out while it waited: the caller is gone, so the grain never sees it.
                _pending.Dequeue();
                continue;
            }

            if (!MayStart(next))
            {
                break;
            }

            _pending.Dequeue();
            StartRequest(next);
            request = next;
            return true;
        }

        request = null;
        return false;
    }

    private void StartRequest(GrainRequest request)
    {
        _running++;
        if ((request.Flags & InvokeMethodOptions.ReadOnly) == 0)
        {
            _runningNotReadOnly++;
        }

        (_runningRequests ??= new List<GrainRequest>(1)).Add(request);
    }

    private bool MayStart(GrainRequest request) =>
        _running == 0
        || IsReentrant
        || (request.Flags & InvokeMethodOptions.AlwaysInterleave) != 0
        || ((request.Flags & InvokeMethodOptions.ReadOnly) != 0 && _runningNotReadOnly == 0);

    private void StartExclusive()
    {
        _running++;
        _runningNotReadOnly++;
    }

    /// <summary>Called when a request's turn ended (synchronously or after its awaits).</summary>
    public void OnTurnEnded(GrainRequest request, Exception? failure)
    {
        bool schedule;
        lock (this)
        {
            _running--;
            if ((request.Flags & InvokeMethodOptions.ReadOnly) == 0)
            {
                _runningNotReadOnly--;
            }

            _runningRequests?.Remove(request);
            if (request is not TimerTickRequest { KeepAlive: false })
            {
                _lastActive = Catalog.Time.GetTimestamp();
            }

            schedule = !_scheduled && (HasQueued || _status == ActivationStatus.Deactivating);
            _scheduled |= schedule;
        }

        Catalog.Metrics.CallEnded(request, failure, Catalog.Time);
        request.OnTurnEnded(this);
        if (failure is not null && request is TimerTickRequest)
        {
            Catalog.LogTimerFailed(GrainId, failure);
        }

        if (failure is InconsistentStateException)
        {
            Catalog.LogInconsistentState(GrainId, failure);
            Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A stale ETag escaped a grain call: another activation may exist.", failure));
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Asks the activation to deactivate once its running turns end; pending calls move to a new activation.</summary>
    public Task Deactivate(DeactivationReason reason)
    {
        var schedule = false;
        var removeNow = false;
        Task done;
        lock (this)
        {
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = _deactivated.Task;
            switch (_status)
            {
                case ActivationStatus.Created:
                    _status = ActivationStatus.Invalid;
                    removeNow = true;
                    break;
                case ActivationStatus.Activating:
                case ActivationStatus.Valid:
                    if (_deactivationReason.ReasonCode == DeactivationReasonCode.None)
                    {
                        _deactivationReason = reason;
                    }

                    if (_status == ActivationStatus.Valid)
                    {
                        _status = ActivationStatus.Deactivating;
                        schedule = !_scheduled;
                        _scheduled = true;
                    }

                    break;
            }
        }

        if (removeNow)
        {
            Catalog.Remove(this);
            _deactivated!.TrySetResult();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return done;
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = Catalog.Time.GetTimestamp() + (long)(timeSpan.TotalSeconds * Catalog.Time.TimestampFrequency);
        lock (this)
        {
            _keepAliveUntil = timeSpan <= TimeSpan.Zero ? 0 : Math.Max(_keepAliveUntil, until);
        }
    }

    /// <summary>True when nothing runs or waits and the activation was last used before <paramref name="idleSince"/>.</summary>
    public bool IsIdleSince(long idleSince, long now)
    {
        lock (this)
        {
            return _status == ActivationStatus.Valid && !IsPinned && _running == 0 && !HasQueued
                && _lastActive <= idleSince && _keepAliveUntil <= now;
        }
    }

    /// <summary>Fails the calls that waited or ran longer than the call timeout.</summary>
    public void FailTimedOutCalls(long sentBefore, TimeSpan timeout)
    {
        List<GrainRequest>? expired = null;
        lock (this)
        {
            if (_running == 0 && !HasQueued)
            {
                return;
            }

            if (_runningRequests is not null)
            {
                foreach (var request in _runningRequests)
                {
                    if (request.ResponseTask is not null && !request.IsAnswered && request.SentTimestamp <= sentBefore)
                    {
                        (expired ??= []).Add(request);
                    }
                }
            }

            foreach (var queue in (ReadOnlySpan<Queue<GrainRequest>?>)[_pending, _interleaving])
            {
                foreach (var request in queue ?? EmptyQueue)
                {
                    if (request.ResponseTask is not null && !request.IsAnswered && request.SentTimestamp <= sentBefore)
                    {
                        (expired ??= []).Add(request);
                    }
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var request in expired)
        {
            if (request.TrySetException(new TimeoutException($"{request.InterfaceType.Name}.{request.MethodName} on {GrainId} did not answer within {timeout.TotalSeconds:0.###} s.")))
            {
                Catalog.Metrics.CallTimedOut();
                Catalog.LogCallTimedOut(GrainId, request.MethodName, timeout);
            }
        }
    }

    IPersistentState<TState> IGrainActivationContext.GetPersistentState<TState>(string stateName, string? storageName)
    {
        var state = new PersistentState<TState>(this, stateName, storageName ?? Catalog.Options.DefaultStorageName);
        (_states ??= []).Add(state);
        return state;
    }

    public override string ToString() => $"activation of {GrainId} ({_status})";

    private enum WorkKind
    {
        Continuation,
        Request,
        Activate,
        Deactivate,
    }
}
